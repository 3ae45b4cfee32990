/**
 * An edit of one module re-estimates its instantiators too (their children changed), but their own
 * operator graphs do not change: the estimator takes their bit-level networks and mapped covers
 * from the cache instead of building and mapping them again (graph/fingerprint.ts). What it
 * returns must be what a fresh estimator returns for the edited design, figure for figure.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASAP7_CALIBRATION, Estimator, type DesignEstimate } from '../src/estimate/index';
import { graphHash, sameGraph } from '../src/estimate/graph/fingerprint';
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
  const estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) });
  const design = (): ElaboratedDesign => sm.elaborate('systolic_top').design!;
  const edit = async (text: string) => sm.updateFile(await openText(PE, text));
  const fresh = (d: ElaboratedDesign) => new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) }).estimate(d);
  return { estimator, design, edit, fresh };
}

const topOf = (estimator: Estimator, est: DesignEstimate) => [...estimator.modules(est)].find(([m]) => m.name === 'systolic_array')![1];
const peOf = (estimator: Estimator, est: DesignEstimate) => [...estimator.modules(est)].find(([m]) => m.name === 'mac_pe')![1];

describe('networks reused across edits', () => {
  it("an edit inside the PE re-maps the PE only: the array's network is the one built before, and the figures equal a fresh estimate's", async () => {
    const w = await workspace();
    const before = w.estimator.estimate(w.design());
    const top0 = topOf(w.estimator, before);
    const pe0 = peOf(w.estimator, before);
    expect(top0.network).toBeDefined();
    // one more gate per PE: `valid_out <= valid_in ^ a_in[0];`
    await w.edit(PE_TEXT.replace('valid_out <= valid_in;', 'valid_out <= valid_in ^ a_in[0];'));
    const d = w.design();
    const after = w.estimator.estimate(d);
    expect(after.estimatedModules).toBe(3);
    expect(after.cellUm2).toBeGreaterThan(before.cellUm2);
    const top1 = topOf(w.estimator, after);
    expect(top1).not.toBe(top0); // estimated again: its child changed
    expect(top1.network).toBe(top0.network); // but not blasted and mapped again
    expect(peOf(w.estimator, after).network).not.toBe(pe0.network);
    expect(figures(after)).toEqual(figures(w.fresh(d)));
  });

  it("a child's port of another width changes the array's graph: its network is built again, and the figures equal a fresh estimate's", async () => {
    const w = await workspace();
    const before = w.estimator.estimate(w.design());
    const top0 = topOf(w.estimator, before);
    await w.edit(PE_TEXT.replace('output reg  signed [DATA_W-1:0] a_out,', 'output reg  signed [DATA_W:0]   a_out,'));
    const d = w.design();
    const after = w.estimator.estimate(d);
    const top1 = topOf(w.estimator, after);
    expect(sameGraph(top1.graph, top0.graph)).toBe(false);
    expect(top1.network).not.toBe(top0.network);
    expect(figures(after)).toEqual(figures(w.fresh(d)));
  });

  it('graph comparison: equal content with other locations is the same graph; any field that differs is not', async () => {
    const w = await workspace();
    const est = w.estimator.estimate(w.design());
    const g = topOf(w.estimator, est).graph;
    const copy = structuredClone(g);
    copy.nodes.forEach((n) => (n.loc = { ...n.loc, range: { start: { line: 1000, character: 0 }, end: { line: 1000, character: 1 } } }));
    expect(sameGraph(g, copy)).toBe(true);
    expect(graphHash(copy)).toBe(graphHash(g));
    const wider = structuredClone(g);
    const n = wider.nodes.find((x) => x.kind !== 'input')!;
    n.width += 1;
    expect(sameGraph(g, wider)).toBe(false);
    expect(graphHash(wider)).not.toBe(graphHash(g));
    const renamed = structuredClone(g);
    renamed.nodes[renamed.nodes.length - 1].what += ' ';
    expect(sameGraph(g, renamed)).toBe(false);
  });
});
