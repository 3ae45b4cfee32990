/**
 * schemas/ppa-lens-config.schema.json is what VS Code validates ppa-lens.json against (through
 * package.json's jsonValidation), so a wrong schema means wrong squiggles for the user. Ajv checks
 * the schema itself and real examples, good and bad.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas/ppa-lens-config.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
const validate = ajv.compile(schema);

const full = {
  $schema: './node_modules/ppa-lens/schemas/ppa-lens-config.schema.json',
  top: 'npu_top',
  files: ['rtl/**/*.sv'],
  filelists: ['rtl/npu.f'],
  includeDirs: ['rtl/include'],
  defines: { SYNTHESIS: '', WIDTH: 32 },
  processModel: 'duv-7nm-mp',
  clocks: { clk: '1.25GHz', axi_clk: 400, 'u_core.clk': '800 MHz' },
  budgets: { maxAreaUm2: 250000, maxDieAreaMm2: 12.5, maxCostUsd: 4.2 },
  failOn: 'warning',
};

describe('ppa-lens.json schema', () => {
  it('accepts a complete configuration and an empty one', () => {
    expect(validate(full), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it.each([
    ['a misspelt key', { topp: 'x' }],
    ['a frequency without a unit', { clocks: { clk: '1.25' } }],
    ['a period instead of a frequency', { clocks: { clk: '800ps' } }],
    ['a zero frequency', { clocks: { clk: 0 } }],
    ['a negative budget', { budgets: { maxAreaUm2: -1 } }],
    ['an unknown budget', { budgets: { maxPowerW: 1 } }],
    ['an unknown failOn', { failOn: 'info' }],
    ['a define name that is no identifier', { defines: { '1BAD': '1' } }],
    ['a boolean define', { defines: { A: true } }],
    ['a top that is no identifier', { top: 'my top' }],
  ])('rejects %s', (_why, config) => {
    expect(validate(config)).toBe(false);
  });

  it('says which property is wrong', () => {
    validate({ budgets: { maxCostUsd: 'cheap' } });
    expect(validate.errors?.[0]?.instancePath).toBe('/budgets/maxCostUsd');
  });
});
