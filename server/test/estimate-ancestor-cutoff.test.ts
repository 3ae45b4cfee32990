/**
 * The estimator's early cutoff for instantiators (estimator.ts `remake`): an edit of one module
 * elaborates its instantiators again, but an instantiator whose own body is unchanged keeps its
 * last estimate's operator graph, network and areas and is only timed again through its child's new
 * timing model (or is the last estimate itself when that model is equal). Counted with the
 * estimator's counters, never wall time; the figures must be a fresh estimator's, figure for figure.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASAP7_CALIBRATION, Estimator, type DesignEstimate } from '../src/estimate/index';
import { SemanticModel, type ElaboratedDesign } from '../src/semantic/index';
import { openText } from './semantic-helpers';
import { REPO_ROOT } from './support/lsp-client';

const DIR = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const TOP = path.join(DIR, 'systolic_top.v');
const ARRAY = path.join(DIR, 'systolic_array.v');
const PE = path.join(DIR, 'mac_pe.v');
const PE_TEXT = readFileSync(PE, 'utf8');

/** The estimate without the counts of estimated and cached modules (they differ by design). */
const figures = (e: DesignEstimate) => JSON.parse(JSON.stringify({ ...e, estimatedModules: 0, cachedModules: 0 }));

async function workspace() {
  const sm = new SemanticModel();
  sm.updateFile(await openText(TOP, readFileSync(TOP, 'utf8')));
  sm.updateFile(await openText(ARRAY, readFileSync(ARRAY, 'utf8')));
  sm.updateFile(await openText(PE, PE_TEXT));
  const identity = (m: { name: string }) => sm.index.module(m.name);
  const estimator = new Estimator(ASAP7_CALIBRATION, { identity });
  const design = (): ElaboratedDesign => sm.elaborate('systolic_top').design!;
  const edit = async (text: string) => sm.updateFile(await openText(PE, text));
  const fresh = (d: ElaboratedDesign) => new Estimator(ASAP7_CALIBRATION, { identity }).estimate(d);
  /** The estimator's counters moved by `f`. */
  const counted = <T>(f: () => T) => {
    const c0 = { ...estimator.counts };
    const value = f();
    const c = estimator.counts;
    return { value, graphs: c.graphsBuilt - c0.graphsBuilt, retimed: c.retimed - c0.retimed, reused: c.bodiesReused - c0.bodiesReused };
  };
  return { estimator, design, edit, fresh, counted };
}

const moduleOf = (estimator: Estimator, est: DesignEstimate, name: string) => [...estimator.modules(est)].find(([m]) => m.name === name)![1];

describe('instantiators of an edited module: early cutoff', () => {
  it('an edit inside the PE builds one operator graph per edit; the array and the top keep theirs, and every figure equals a fresh estimate', async () => {
    const w = await workspace();
    const first = w.counted(() => w.estimator.estimate(w.design()));
    expect(first.graphs).toBe(3); // a first estimate builds every module's graph
    let last = first.value;
    for (const [k, text] of [PE_TEXT.replace('valid_out <= valid_in;', 'valid_out <= valid_in ^ a_in[0];'), PE_TEXT].entries()) {
      await w.edit(text);
      const d = w.design();
      const r = w.counted(() => w.estimator.estimate(d));
      expect(r.value.estimatedModules, `edit ${k}`).toBe(3); // the PE and its two instantiators, elaborated again
      expect(r.graphs, `edit ${k}: graphs built`).toBe(1); // the PE's alone
      expect(r.retimed + r.reused, `edit ${k}: instantiators kept`).toBe(2);
      for (const name of ['systolic_array', 'systolic_top']) {
        const before = moduleOf(w.estimator, last, name);
        const after = moduleOf(w.estimator, r.value, name);
        expect(after.graph, name).toBe(before.graph);
        expect(after.network, name).toBe(before.network);
        expect(after.nodeArea, name).toBe(before.nodeArea);
      }
      expect(r.value.cellUm2).not.toBe(last.cellUm2);
      expect(figures(r.value)).toEqual(figures(w.fresh(d)));
      last = r.value;
    }
  });

  it('an edit that leaves the PE elaborated the same (another spelling of a literal) builds no graph and keeps every estimate object', async () => {
    const w = await workspace();
    const before = w.estimator.estimate(w.design());
    await w.edit(PE_TEXT.replace("valid_out <= 1'b0;", "valid_out <= 1'd0;"));
    const d = w.design();
    const r = w.counted(() => w.estimator.estimate(d));
    expect(r.graphs).toBe(0);
    // the PE, elaborated again (its text changed) to an equal body, is its last estimate; so its
    // instantiators read the same child estimate and come from the cache
    expect(r.value.estimatedModules).toBe(1);
    expect(r.reused).toBe(1);
    for (const name of ['mac_pe', 'systolic_array', 'systolic_top']) expect(moduleOf(w.estimator, r.value, name), name).toBe(moduleOf(w.estimator, before, name));
    expect(figures(r.value)).toEqual(figures(w.fresh(d)));
  });

  it("a child's port of another width changes its instantiator's body: that graph is built again, the top's is kept", async () => {
    const w = await workspace();
    const before = w.estimator.estimate(w.design());
    await w.edit(PE_TEXT.replace('output reg  signed [DATA_W-1:0] a_out,', 'output reg  signed [DATA_W:0]   a_out,'));
    const d = w.design();
    const r = w.counted(() => w.estimator.estimate(d));
    expect(r.graphs).toBe(2); // the PE and the array, whose connections to it changed
    expect(moduleOf(w.estimator, r.value, 'systolic_array').graph).not.toBe(moduleOf(w.estimator, before, 'systolic_array').graph);
    expect(moduleOf(w.estimator, r.value, 'systolic_top').graph).toBe(moduleOf(w.estimator, before, 'systolic_top').graph);
    expect(figures(r.value)).toEqual(figures(w.fresh(d)));
  });
});
