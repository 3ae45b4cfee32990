/** Set-up of the estimator tests: text -> parsed -> elaborated -> estimated, in process. */
import { ASAP7_CALIBRATION, Estimator, buildOperatorGraph, trimWidths, fuseMacs, type DesignEstimate, type OpGraph, type EstimateDetails } from '../src/estimate/index';
import { SemanticModel, makeValue, type ElaboratedDesign } from '../src/semantic/index';
import { openFile, openText } from './semantic-helpers';

export async function elaborateText(text: string, top?: string, file = '/virtual/t.v'): Promise<ElaboratedDesign> {
  const sm = new SemanticModel();
  sm.updateFile(await openText(file, text));
  const r = sm.elaborate(top);
  if (!r.design) throw new Error(`no design: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.design;
}

/** The trimmed operator graph of the top module of a snippet. */
export async function graphOf(text: string, top?: string): Promise<OpGraph> {
  const d = await elaborateText(text, top);
  const g = buildOperatorGraph(d.top.module);
  trimWidths(g);
  fuseMacs(g);
  return g;
}

export function liveOps(g: OpGraph, kind: string) {
  return g.nodes.filter((n) => n.kind === kind && (n.live ?? 0) > 0);
}

/** The estimator that made each estimate of these helpers: it retimes them (estimate/estimator.ts `EstimateDetails`). */
const makers = new WeakMap<DesignEstimate, Estimator>();
export function detailsOf(est: DesignEstimate): EstimateDetails {
  const r = makers.get(est);
  if (!r) throw new Error('not an estimate of estimate-helpers');
  return r;
}
function made(estimator: Estimator, est: DesignEstimate): DesignEstimate {
  makers.set(est, estimator);
  return est;
}

export async function estimateFiles(files: string[], top: string, params: Record<string, number> = {}): Promise<DesignEstimate> {
  const sm = new SemanticModel();
  for (const f of files) sm.updateFile(await openFile(f));
  const r = sm.elaborate(top, Object.keys(params).length ? { topParams: new Map(Object.entries(params).map(([k, v]) => [k, makeValue(BigInt(v), 32, true)])) } : undefined);
  if (!r.design) throw new Error(`no design for ${top}`);
  const estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) });
  return made(estimator, estimator.estimate(r.design));
}

/** The estimate of a snippet's top module (children included). */
export async function estimateText(text: string, top?: string): Promise<DesignEstimate> {
  const d = await elaborateText(text, top);
  const estimator = new Estimator(ASAP7_CALIBRATION);
  return made(estimator, estimator.estimate(d));
}
