/**
 * The JSON Schema of `*.ppa-process.json` files, built here in code so the loader (ajv) and the
 * file shipped to VS Code (schemas/process-model.schema.json, kept equal by a golden test) can
 * never drift apart.
 *
 * A file without `extends` must be complete; a file with `extends` may give any subset of fields
 * (objects are deep-merged, arrays such as beol.layers are replaced whole, so array items are
 * always complete). Ranges that make a model meaningless (negative D0, a yield above 1) are in
 * the schema too, so the editor flags them while typing.
 */
import { PATTERNINGS, PROCESS_SCHEMA_ID, YIELD_MODELS } from './model';

type Json = Record<string, unknown>;

const num = (description: string, extra: Json = {}): Json => ({ type: 'number', description, ...extra });
const nonNeg = (d: string, extra: Json = {}) => num(d, { minimum: 0, ...extra });
const positive = (d: string, extra: Json = {}) => num(d, { exclusiveMinimum: 0, ...extra });
/** A probability-like quantity: a yield or a share. */
const fraction = (d: string) => num(d, { minimum: 0, maximum: 1 });
const yieldField = (d: string) => num(d, { exclusiveMinimum: 0, maximum: 1 });
const str = (description: string, extra: Json = {}): Json => ({ type: 'string', description, ...extra });

const PROVENANCE: Json = {
  source: str('Source keys of the process README, comma separated (e.g. "C1,CA2").', { minLength: 1 }),
  assumption: str('What is assumed here and why, where no source exists.', { minLength: 1 }),
};

/** An object group with provenance; `full` adds `required` and the source-or-assumption rule. */
function group(description: string, props: Json, full: boolean): Json {
  const properties = { ...props, ...PROVENANCE };
  const out: Json = { type: 'object', description, additionalProperties: false, properties };
  if (full) {
    out.required = Object.keys(props);
    out.anyOf = [{ required: ['source'] }, { required: ['assumption'] }];
  }
  return out;
}

/** `group` with some properties left optional even in a full model. */
function optionalProps(g: Json, names: string[]): Json {
  const required = g.required as string[] | undefined;
  return required ? { ...g, required: required.filter((r) => !names.includes(r)) } : g;
}

function plain(description: string, props: Json, full: boolean): Json {
  const out: Json = { type: 'object', description, additionalProperties: false, properties: props };
  if (full) out.required = Object.keys(props);
  return out;
}

function layerClass(): Json {
  return group(
    'One BEOL layer class (a range of metal layers with the same pitch and patterning).',
    {
      name: str('Layer range, e.g. "M1-M3"; wireLoad.layerShares refers to it.', { minLength: 1 }),
      pitchNm: positive('Metal pitch, nm.'),
      patterning: { enum: [...PATTERNINGS], description: 'How the layer is printed.' },
      rOhmPerUm: nonNeg('Wire resistance, Ω/µm.'),
      cFfPerUm: nonNeg('Wire capacitance, fF/µm.'),
      couplingCapSigmaPct: nonNeg('Coupling-capacitance variation (colour/overlay/pitch walk), percent.', {
        maximum: 100,
      }),
    },
    true,
  );
}

function advancedPackage(description: string, full: boolean): Json {
  return group(
    description,
    {
      areaFactor: num('Interposer area / total silicon area.', { minimum: 1 }),
      waferCostUsd: nonNeg('Cost of one interposer wafer, USD.'),
      d0PerCm2: nonNeg('Interposer defect density, per cm².'),
      alpha: positive('Negative-binomial clustering parameter of the interposer yield.'),
      bondYield: yieldField('Bonding yield per chip.'),
      ubumpCostPerMm2: nonNeg('Micro-bump cost per mm² of die, USD.'),
      chipLast: { type: 'boolean', description: 'Chips bonded after the interposer is tested.' },
    },
    full,
  );
}

function body(full: boolean): Json {
  return {
    frontEnd: group(
      'Front end: how this node relates to the reference library.',
      {
        referenceLibrary: str('Liberty set the estimator was calibrated on.'),
        areaScale: positive('Cell area here / on the reference library.'),
        delayScale: positive('Gate delay here / on the reference library.'),
        cellHeightNm: positive('Standard-cell height, nm.'),
        utilisation: num('Cell area / placed area (placement density).', { exclusiveMinimum: 0, maximum: 1 }),
      },
      full,
    ),
    beol: group(
      'Back end of line: layer classes with pitch, patterning, RC and coupling variation.',
      { layers: { type: 'array', minItems: 1, items: layerClass() } },
      full,
    ),
    wireLoad: group(
      'Wire length per fanout and how it spreads over the layer classes.',
      {
        baseUm: nonNeg('Wire length of a net before fanout, µm.'),
        umPerFanout: nonNeg('Extra wire length per fanout, µm.'),
        layerShares: {
          type: 'object',
          description: 'Share of wire length on each layer class (by name); shares sum to 1. Replaced whole by a file that extends another.',
          additionalProperties: fraction('Share of wire length on this layer class.'),
        },
        driverKOhm: nonNeg('Effective driver resistance, kΩ.'),
      },
      full,
    ),
    timing: group(
      'Guardbands applied to every reg-to-reg path.',
      {
        lateDerateData: num('Late derate on data paths.', { minimum: 1 }),
        lateDerateClock: num('Late derate on clock paths.', { minimum: 1 }),
        setupUncertaintyPs: nonNeg('Setup uncertainty, ps.'),
        mpGuardbandSigmas: nonNeg('Sigmas of multi-patterning wire variation guarded on the wire share.'),
      },
      full,
    ),
    memory: optionalProps(
      group(
        'Memory: bitcell, macro area per bit, access time, and from what size a register array is a macro.',
        {
          bitcellUm2: positive('High-density SRAM bitcell area, µm².'),
          macroUm2PerBit: positive('SRAM macro area per bit including periphery, µm².'),
          macroAccessPs: nonNeg('Macro clock-to-output time, ps.'),
          macroMinBits: positive('Register arrays of at least this many bits become SRAM macros; smaller ones stay flops. Absent: all stay flops.'),
        },
        full,
      ),
      ['macroMinBits'],
    ),
    manufacturing: plain(
      'Wafer, masks, defects, reticle and die overhead.',
      {
        wafer: group(
          'The die wafer.',
          {
            diameterMm: positive('Wafer diameter, mm.'),
            edgeLossMm: nonNeg('Edge exclusion, mm.'),
            scribeMm: nonNeg('Scribe lane width, mm.'),
            costUsd: nonNeg('Processed wafer price, USD.'),
          },
          full,
        ),
        masks: group(
          'Mask set and the volume it is amortised over.',
          {
            count: { type: 'integer', minimum: 1, description: 'Number of masks.' },
            setCostUsd: nonNeg('Cost of the whole mask set, USD.'),
            volumeUnits: positive('Units the mask set is amortised over.'),
          },
          full,
        ),
        defects: group(
          'Defect density and yield model.',
          {
            d0PerCm2: nonNeg('Defect density D0, per cm².'),
            yieldModel: { enum: [...YIELD_MODELS], description: 'Yield model.' },
            clusterAlpha: positive('Negative-binomial clustering parameter α.'),
          },
          full,
        ),
        reticle: group(
          'Maximum exposure field.',
          { widthMm: positive('Reticle field width, mm.'), heightMm: positive('Reticle field height, mm.') },
          full,
        ),
        die: group(
          'What surrounds the placed cells on a die.',
          {
            ioRingMm: nonNeg('I/O ring width per side, mm.'),
            overheadFraction: nonNeg('Extra core area (power grid, clock, test) / placed area.'),
          },
          full,
        ),
      },
      full,
    ),
    packaging: plain(
      'Package types of Chiplet Actuary and the die-to-die interface overhead.',
      {
        os: group(
          'Organic substrate.',
          {
            areaFactor: num('Package area / total silicon area.', { minimum: 1 }),
            costPerMm2: nonNeg('Substrate cost per mm² of package, USD.'),
            bumpCostPerMm2: nonNeg('C4 bump cost per mm² of die, USD.'),
            bondYield: yieldField('Bonding yield per chip.'),
          },
          full,
        ),
        fo: advancedPackage('Fan-out RDL interposer.', full),
        si: advancedPackage('Silicon interposer.', full),
        d2d: group(
          'Die-to-die interface.',
          { areaFraction: num('D2D area / chiplet logic area.', { minimum: 0, maximum: 1 }) },
          full,
        ),
      },
      full,
    ),
  };
}

const TOP_INFO: Json = {
  $schema: str('URL or path of this JSON Schema (for editors).'),
  schema: { const: PROCESS_SCHEMA_ID, description: 'Format version of this file.' },
  name: str('Name of this process model.', { minLength: 1 }),
  description: str('What this model is for.'),
};

/** The schema of a whole file: complete without `extends`, any subset with it. */
export function processModelSchema(): Json {
  const fullBody = body(true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://ppa-lens.invalid/schemas/process-model.schema.json',
    title: 'ppa-lens process model',
    description:
      'A DUV/EUV 7nm-class process model for ppa-lens: front end, BEOL, timing guardbands, memory, manufacturing, packaging.',
    type: 'object',
    required: ['schema'],
    if: { required: ['extends'] },
    then: {
      additionalProperties: false,
      properties: {
        ...TOP_INFO,
        extends: str('Built-in model name or relative path of a process file to start from.', { minLength: 1 }),
        ...body(false),
      },
    },
    else: {
      additionalProperties: false,
      required: ['schema', 'name', ...Object.keys(fullBody)],
      properties: { ...TOP_INFO, ...fullBody },
    },
  };
}
