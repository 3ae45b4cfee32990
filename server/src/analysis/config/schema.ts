/**
 * The JSON Schema of `ppa-lens.json`, in code so the loader (ajv, here) and the file VS Code
 * validates against (schemas/ppa-lens-config.schema.json) can be compared by a test and never
 * drift apart. The core cannot import the shipped file: it lives outside the server's sources.
 */
type Json = Record<string, unknown>;

const IDENT = '^[A-Za-z_][A-Za-z0-9_$]*$';
const pathList = (description: string): Json => ({
  type: 'array',
  items: { type: 'string', minLength: 1 },
  uniqueItems: true,
  description,
});
const positive = (description: string): Json => ({ type: 'number', exclusiveMinimum: 0, description });

/** A frequency with its unit; the loader parses it with `parseFrequencyMhz`, which accepts exactly this. */
export const FREQUENCY_PATTERN = '^\\s*[0-9]+(\\.[0-9]+)?\\s*(GHz|MHz|kHz|Hz)\\s*$';

export function configSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ppa-lens.dev/schemas/ppa-lens-config.schema.json',
    title: 'ppa-lens.json',
    description:
      'Workspace configuration of PPA Lens, shared by the editor and the ppa-lens CLI: which files make the design, how to preprocess them, the process model, target clocks and budgets. Paths are relative to the folder that holds this file. Editor settings (ppaLens.*) override it.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file.' },
      top: {
        type: 'string',
        pattern: IDENT,
        description: 'The top module the estimates are for. Omitted: the module that nothing instantiates.',
      },
      files: pathList('Verilog/SystemVerilog source files or glob patterns (e.g. "rtl/**/*.sv").'),
      filelists: pathList('Filelists (.f) with file lines, -f, +incdir+ and +define+.'),
      includeDirs: pathList("Directories searched for `include files, after the including file's own directory."),
      defines: {
        type: 'object',
        propertyNames: { pattern: IDENT },
        additionalProperties: { type: ['string', 'number'] },
        description: 'Macros defined before every file, like +define+NAME=VALUE. An empty string defines the macro without a value.',
      },
      processModel: {
        type: 'string',
        minLength: 1,
        description: 'A built-in process model (duv-7nm-mp, euv-7nm, asap7-reference) or the path of a *.ppa-process.json file.',
        examples: ['duv-7nm-mp', 'euv-7nm', 'asap7-reference', 'models/my-fab.ppa-process.json'],
      },
      clocks: {
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_$.]*$' },
        additionalProperties: {
          oneOf: [
            { type: 'string', pattern: FREQUENCY_PATTERN, description: 'A frequency with its unit, e.g. "1.25GHz" or "800MHz".' },
            { type: 'number', exclusiveMinimum: 0, description: 'A frequency in MHz.' },
          ],
        },
        description: 'Target frequency per clock port of the top module: { "clk": "1.25GHz" } or { "clk": 1250 } (MHz).',
      },
      budgets: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxAreaUm2: positive('Largest placed area of the top, in µm².'),
          maxDieAreaMm2: positive('Largest die area, in mm².'),
          maxCostUsd: positive('Highest cost per good die, in US dollars.'),
        },
        description: 'Budgets the design must meet; a missed budget is a warning in the editor and fails `ppa-lens check`/`estimate` in CI.',
      },
      failOn: {
        enum: ['error', 'warning'],
        default: 'error',
        description: 'The lowest severity that makes the CLI exit with status 1.',
      },
    },
  };
}
