/**
 * Issue 18, problem 4: every critical path shown is a real path. Ports are timed per bit group and
 * wiring per bit range, so a path through a child goes into the bits that really drive it:
 * - on the built-in example, a skew lane's register reaches only its own row (activations) or
 *   column (weights) of the array, on the critical path and on every arc of the top's timing model;
 * - on a fixture written for it, the bits of a parent's multiplier that feed a flop in the child
 *   are not stitched to the child's multiply-accumulate, so crossing the lanes changes the period;
 * - a port split into more groups than the timer keeps is marked approximate on the steps inside.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASAP7_CALIBRATION, Estimator, type DesignEstimate, type ModuleEstimate } from '../src/estimate/index';
import { expandPath, type ExpandedStep, type TimingModel } from '../src/estimate/timing/module-timing';
import { SemanticModel, type ElaboratedDesign, type ElaboratedModule } from '../src/semantic/index';
import { openFile } from './semantic-helpers';
import { FIXTURES } from './support/paths';

const EXAMPLE = path.join(FIXTURES, 'examples', 'systolic4x4');
const BIT_PATHS = path.join(FIXTURES, 'timing', 'bit_paths.v');

async function estimate(files: string[], top: string): Promise<{ design: ElaboratedDesign; est: DesignEstimate; model: TimingModel; modules: ReadonlyMap<ElaboratedModule, ModuleEstimate> }> {
  const sm = new SemanticModel();
  for (const f of files) sm.updateFile(await openFile(f));
  const r = sm.elaborate(top);
  if (!r.design) throw new Error(`no design for ${top}`);
  const estimator = new Estimator(ASAP7_CALIBRATION);
  const est = estimator.estimate(r.design);
  const modules = estimator.modules(est);
  const model = modules.get(r.design.top.module)!.timing;
  return { design: r.design, est, model, modules };
}

/** Every arc of a timing model, expanded through the instances, with a name saying which. */
function allPaths(m: TimingModel): Array<{ name: string; steps: ExpandedStep[] }> {
  const out: Array<{ name: string; steps: ExpandedStep[] }> = [];
  for (const [k, arc] of m.regToReg) out.push({ name: `reg->reg ${k.replace('\u0000', '->')}`, steps: expandPath(arc.path) });
  for (const [i, byClock] of m.inToReg) for (const [k, arc] of byClock) out.push({ name: `${i}->reg ${k}`, steps: expandPath(arc.path) });
  for (const [o, byClock] of m.outFromReg) for (const [k, arc] of byClock) out.push({ name: `reg ${k}->${o}`, steps: expandPath(arc.path) });
  for (const [i, outs] of m.inToOut) for (const [o, arc] of outs) out.push({ name: `${i}->${o}`, steps: expandPath(arc.path) });
  return out;
}

/** The skew lane a top-level step of the example belongs to (0 for a_row/b_col bits 7:0). */
function laneOf(s: ExpandedStep): { lane: number; bus: 'a' | 'b' } | undefined {
  if (s.inst !== '') return undefined;
  const skew = /g_skew\[(\d+)\]\.g_delay\.([ab])_pipe/.exec(s.what);
  if (skew) return { lane: Number(skew[1]), bus: skew[2] as 'a' | 'b' };
  const input = /^input (a_row|b_col)\[(\d+):(\d+)\]$/.exec(s.what);
  if (input) return { lane: Number(input[3]) / 8, bus: input[1] === 'a_row' ? 'a' : 'b' };
  return undefined;
}

/** Checks a path of the example: the first PE it enters is the one the lane it left feeds. */
function checkLanes(name: string, steps: ExpandedStep[]): number {
  let lane: { lane: number; bus: 'a' | 'b' } | undefined;
  let checked = 0;
  for (const s of steps) {
    lane = laneOf(s) ?? lane;
    const pe = /^u_array\.g_row\[(\d+)\]\.g_col\[(\d+)\]\.u_pe$/.exec(s.inst);
    if (!pe || !lane) continue;
    // activations enter row r at column 0, weights column c at row 0
    const want = lane.bus === 'a' ? { row: lane.lane, col: 0 } : { row: 0, col: lane.lane };
    expect({ path: name, row: Number(pe[1]), col: Number(pe[2]) }).toEqual({ path: name, ...want });
    checked++;
    lane = undefined;
  }
  return checked;
}

describe('critical paths are real paths (issue 18, problem 4)', () => {
  it('the built-in example: lane 3 of the skew goes into row 3, not row 0', async () => {
    const { est, model, modules } = await estimate(['mac_pe.v', 'systolic_array.v', 'systolic_top.v'].map((f) => path.join(EXAMPLE, f)), 'systolic_top');
    const cp = est.timing.criticalPath;
    const skew = cp.findIndex((s) => /g_skew\[3\]\.g_delay\.a_pipe/.test(s.what));
    expect(skew).toBeGreaterThanOrEqual(0);
    const into = cp.slice(skew).find((s) => s.instance.includes('u_pe'));
    expect(into?.instance).toBe('u_array.g_row[3].g_col[0].u_pe');
    expect(cp.some((s) => s.instance.startsWith('u_array.g_row[0]'))).toBe(false);
    // the child's input step names the bits the path uses
    expect(cp.some((s) => s.instance === 'u_array' && s.what === 'input a_left[31:24]')).toBe(true);
    expect(cp.every((s) => s.approximate === undefined)).toBe(true);
    // the bus ports are timed per lane, and every arc of the top that enters a PE from a lane
    // enters that lane's PE
    expect(model.portGroups.get('a_row')?.map((g) => [g.lo, g.hi])).toEqual([[0, 8], [8, 16], [16, 24], [24, 32]]);
    let checked = 0;
    for (const p of allPaths(model)) checked += checkLanes(p.name, p.steps);
    // reg->reg through lane 3, and the lane-0 bits of a_row and b_col (lanes 1-3 end at the skew)
    expect(checked).toBeGreaterThanOrEqual(3);
    // the array alone: each lane of a_left and b_top into its own row or column, per bit group
    const array = modules.get([...modules.keys()].find((m) => m.name === 'systolic_array')!)!.timing;
    const entered: string[] = [];
    for (const [key, byClock] of array.inToReg) {
      const m = /^(a_left|b_top)\[(\d+):(\d+)\]$/.exec(key);
      if (!m) continue;
      const lane = Number(m[3]) / 8;
      for (const arc of byClock.values()) {
        const pe = expandPath(arc.path).find((s) => s.inst.includes('u_pe'))!.inst;
        expect({ key, pe }).toEqual({ key, pe: m[1] === 'a_left' ? `g_row[${lane}].g_col[0].u_pe` : `g_row[0].g_col[${lane}].u_pe` });
        entered.push(key);
      }
    }
    expect(entered.sort()).toEqual(['a_left[15:8]', 'a_left[23:16]', 'a_left[31:24]', 'a_left[7:0]', 'b_top[15:8]', 'b_top[23:16]', 'b_top[31:24]', 'b_top[7:0]']);
    // arrivals never go back along a path
    for (const p of allPaths(model)) {
      const arr = p.steps.map((s) => s.arrival);
      expect(arr).toEqual([...arr].sort((a, b) => a - b));
    }
  });

  it('a fixture: the parent multiplier feeds the child flop, the register the child multiply-accumulate', async () => {
    const { est } = await estimate([BIT_PATHS], 'bp_top');
    const cp = est.timing.criticalPath;
    const whats = cp.map((s) => `${s.instance}:${s.what}`);
    // the register lane, into the bits the child multiplies
    expect(whats[0]).toBe(':reg rl');
    expect(whats).toContain('u_child:input bus[15:8]');
    expect(cp[cp.length - 1].what).toBe('reg acc (setup)');
    // no step of the parent's multiplier on it
    expect(cp.some((s) => s.instance === '' && /mul/.test(s.what))).toBe(false);

    // crossing the lanes makes the real path multiplier -> multiply-accumulate: slower. Timed as
    // whole buses, both would report the same (the sum of the worst of each side).
    const crossed = await estimate([BIT_PATHS], 'bp_top_crossed');
    expect(crossed.est.timing.minPeriodPs).toBeGreaterThan(est.timing.minPeriodPs + 50);
    const ccp = crossed.est.timing.criticalPath;
    expect(ccp.some((s) => s.instance === '' && /mul/.test(s.what))).toBe(true);
    expect(ccp.some((s) => s.instance === 'u_child' && s.what === 'input bus[15:8]')).toBe(true);
  });

  it('a port split into more groups than kept: merged, and the steps through it marked approximate', async () => {
    const { est, model, modules } = await estimate([BIT_PATHS], 'bp_wide_top');
    const child = modules.get([...modules.keys()].find((m) => m.name === 'bp_wide_child')!)!.timing;
    const groups = child.portGroups.get('bus')!;
    expect(groups.length).toBeLessThanOrEqual(32);
    expect(groups.every((g) => g.approximate)).toBe(true);
    // the register r into the child: the steps inside are approximate, the parent's are not
    const steps = expandPath([...model.regToReg.values()][0].path);
    expect(steps[0]).toMatchObject({ inst: '', what: 'reg r' });
    expect(steps[0].approximate).toBeUndefined();
    const inChild = steps.filter((s) => s.inst === 'u_wide');
    expect(inChild.length).toBeGreaterThan(0);
    expect(inChild.every((s) => s.approximate === true)).toBe(true);
    // and so in the report's critical path when it runs through the child
    for (const s of est.timing.criticalPath) expect(s.approximate === true).toBe(s.instance === 'u_wide');
  });
});
