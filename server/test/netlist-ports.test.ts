/**
 * Gate-level netlists name their ports with escaped identifiers in a non-ANSI port list. Those are
 * plain port names: no "port expression" note per port (a 30k-line netlist had hundreds), and
 * nothing reported as skipped in the estimate.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';

const DIR = path.join(FIXTURES, 'netlist');

describe('escaped port names of a netlist', () => {
  it('check reports nothing', async () => {
    const r = await ppaLens(['check', '--format', 'json', '--no-config', 'escaped_ports.v'], DIR);
    const out = JSON.parse(r.out) as { diagnostics: Array<{ code: string; message: string }> };
    expect(out.diagnostics).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('the estimate skips nothing and counts the gates', async () => {
    const r = await ppaLens(['estimate', '--format', 'json', '--no-config', '--process', 'asap7-reference', 'escaped_ports.v'], DIR);
    const out = JSON.parse(r.out) as { top: string; confidence: { skipped?: unknown }; area: { cell_um2: number } };
    expect(out.top).toBe('half_adder_netlist');
    expect(out.confidence.skipped).toBeUndefined();
    expect(out.area.cell_um2).toBeGreaterThan(0);
  });
});
