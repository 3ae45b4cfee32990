/**
 * What elaboration skips for estimation is named in the estimate's confidence (issue 14): a module
 * whose logic was skipped is never presented as a silent 0, in JSON, text and the report model.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'sv', 'skipped');

describe('skipped logic in the estimate', () => {
  it('names the skipped construct and the module it leaves at 0, with level low (JSON)', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', 'while_xor.sv'], DIR);
    const out = JSON.parse(r.out) as { confidence: { level: string; skipped?: Array<{ module: string; what: string; at: string }>; least_certain: Array<{ module: string; reason: string }> }; area: { cell_um2: number } };
    expect(out.confidence.skipped).toEqual([{ module: 'while_xor', what: 'while loop', at: 'while_xor.sv:8' }]);
    expect(out.confidence.level).toBe('low');
    const zero = out.confidence.least_certain.find((l) => l.module === 'while_xor');
    expect(zero?.reason).toMatch(/skipped.*0 µm² is not its area/);
    // the modelled sibling still counts
    expect(out.area.cell_um2).toBeGreaterThan(0);
  });

  it('says so in the text output', async () => {
    const r = await ppaLens(['estimate', '--no-config', '--process', 'asap7-reference', 'while_xor.sv'], DIR);
    expect(r.out).toMatch(/skipped: while loop in while_xor \(while_xor\.sv:8\): not in the figures/);
  });

  it('a design with nothing skipped has no skipped list', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', '--top', 'gate', 'while_xor.sv'], DIR);
    const out = JSON.parse(r.out) as { confidence: { skipped?: unknown } };
    expect(out.confidence.skipped).toBeUndefined();
  });
});
