/**
 * What elaboration skips for estimation is named in the estimate's confidence (issue 14): a module
 * whose logic was skipped is never presented as a silent 0, in JSON, text and the report model, and
 * the confidence sizes what may be missing (skipped lines as a share of the module's text, and the
 * area that share stands for). A `bind` (in a module or at file level) is skipped the same way.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'sv', 'skipped');

describe('skipped logic in the estimate', () => {
  it('names the skipped construct and the module it leaves at 0, with level low (JSON)', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', 'while_xor.sv'], DIR);
    const out = JSON.parse(r.out) as {
      confidence: { level: string; skipped?: Array<{ module: string; what: string; at: string }>; least_certain: Array<{ module: string; reason: string }>; missing?: unknown[]; missing_pct?: number };
      area: { cell_um2: number };
    };
    expect(out.confidence.skipped).toEqual([{ module: 'while_xor', what: 'while loop whose condition is not constant in iteration 1', at: 'while_xor.sv:9' }]);
    // nothing of the module was modelled: no density to size it by, so all of it may be missing
    expect(out.confidence.missing).toEqual([{ module: 'while_xor', constructs: 1, lines: 4, share_pct: 36.4 }]);
    expect(out.confidence.level).toBe('low');
    const zero = out.confidence.least_certain.find((l) => l.module === 'while_xor');
    expect(zero?.reason).toMatch(/skipped.*0 µm² is not its area/);
    // the modelled sibling still counts
    expect(out.area.cell_um2).toBeGreaterThan(0);
  });

  it('says so in the text output', async () => {
    const r = await ppaLens(['estimate', '--no-config', '--process', 'asap7-reference', 'while_xor.sv'], DIR);
    expect(r.out).toMatch(/skipped: while loop whose condition is not constant in iteration 1 in while_xor \(while_xor\.sv:9\): not in the figures/);
    expect(r.out).toMatch(/may be missing: all of while_xor \(1 skipped construct\(s\), 4 line\(s\), 36\.4 % of its text\)/);
  });

  it('a design with nothing skipped has no skipped list', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', '--top', 'gate', 'while_xor.sv'], DIR);
    const out = JSON.parse(r.out) as { confidence: { skipped?: unknown } };
    expect(out.confidence.skipped).toBeUndefined();
  });

  it('a bind in a module and at file level: a note each, and the area they may stand for', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', '--top', 'fifo_ctl', 'bind_demo.sv'], DIR);
    const out = JSON.parse(r.out) as {
      confidence: { skipped?: Array<{ module: string; what: string; at: string }>; missing?: Array<{ module: string; constructs: number; lines: number; share_pct: number; may_miss_um2?: number }>; missing_pct?: number };
      area: { cell_um2: number };
    };
    expect(out.confidence.skipped).toEqual([
      { module: 'fifo_ctl', what: 'bind of count_check u_in (the bound instance is not estimated)', at: 'bind_demo.sv:5' },
      { module: 'fifo_ctl', what: 'bind of count_check u_out (the bound instance is not estimated)', at: 'bind_demo.sv:13' },
    ]);
    const m = out.confidence.missing!;
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ module: 'fifo_ctl', constructs: 2, lines: 2 });
    // two skipped lines of the module's four: as much again as the modelled area may be missing
    expect(m[0].share_pct).toBe(50);
    expect(m[0].may_miss_um2).toBeCloseTo(out.area.cell_um2, 1);
    expect(out.confidence.missing_pct).toBeCloseTo(100, 0);
    const check = await ppaLens(['check', 'bind_demo.sv'], DIR);
    expect(check.out).toMatch(/bind_demo\.sv:5:3: information: Unsupported for estimation: bind of count_check u_in/);
    expect(check.out).toMatch(/bind_demo\.sv:13:1: information: Unsupported for estimation: bind of count_check u_out/);
    expect(check.out).not.toMatch(/error: /);
    // the report model and its HTML say how much may be missing
    const model = JSON.parse((await ppaLens(['report', '--format', 'json', '--process', 'asap7-reference', '--top', 'fifo_ctl', '-o', '-', 'bind_demo.sv'], DIR)).out) as { confidence: { missing?: Array<{ module: string; sharePct: number; mayMissUm2?: number }> } };
    expect(model.confidence.missing).toEqual([{ module: 'fifo_ctl', constructs: 2, lines: 2, sharePct: 50, mayMissUm2: m[0].may_miss_um2 }]);
    const html = (await ppaLens(['report', '--process', 'asap7-reference', '--top', 'fifo_ctl', '-o', '-', 'bind_demo.sv'], DIR)).out;
    expect(html).toContain('How much may be missing');
  });
});
