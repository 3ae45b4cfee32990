/**
 * What the process does to a reg-to-reg path, term by term, so a report can show why the same
 * path is slower on DUV multi-patterning than on EUV:
 *
 *   logic               the estimator's logic delay on the reference library
 *   delay-scale         logic · (frontEnd.delayScale − 1)
 *   wire                the wire delay share of the path (from wireDelay or the estimator)
 *   mp-guardband        wire · mpGuardbandSigmas · Σ_layer share·σ_Cc (multi-patterned layers only)
 *   derate              (logic + scale + wire + guardband) · (timing.lateDerateData − 1)
 *   setup-uncertainty   timing.setupUncertaintyPs
 *
 * The total is the sum of the terms. Colour/overlay variation moves coupling capacitance, and so
 * wire delay, on layers split over several masks; it does not move gate delay, hence the guardband
 * only on the wire share.
 */
import { isMultiPatterned, type ProcessModel } from './model';

export type DelayTermName = 'logic' | 'delay-scale' | 'wire' | 'mp-guardband' | 'derate' | 'setup-uncertainty';

export interface DelayTerm {
  name: DelayTermName;
  ps: number;
  /** Why the term has this value, for hovers and reports. */
  note: string;
}

export interface PathDelay {
  terms: DelayTerm[];
  totalPs: number;
}

export interface PathInput {
  logicPs: number;
  wirePs: number;
}

/** Weighted RC of routed wire over the layer classes of wireLoad.layerShares. */
export function effectiveWireRc(model: ProcessModel): { rOhmPerUm: number; cFfPerUm: number } {
  let r = 0;
  let c = 0;
  for (const l of model.beol.layers) {
    const share = model.wireLoad.layerShares[l.name] ?? 0;
    r += share * l.rOhmPerUm;
    c += share * l.cFfPerUm;
  }
  return { rOhmPerUm: r, cFfPerUm: c };
}

/** Fraction of wire delay added as multi-patterning guardband (0 on EUV / single exposure). */
export function mpWireGuardbandFraction(model: ProcessModel): number {
  let f = 0;
  for (const l of model.beol.layers) {
    if (!isMultiPatterned(l.patterning)) continue;
    f += (model.wireLoad.layerShares[l.name] ?? 0) * (l.couplingCapSigmaPct / 100);
  }
  return f * model.timing.mpGuardbandSigmas;
}

export interface WireDelay {
  lengthUm: number;
  rOhm: number;
  cFf: number;
  /** R_drv·C_wire + 0.5·R_wire·C_wire (Elmore, distributed line). */
  delayPs: number;
}

/** Delay of a net of `fanout` under the wire-load model (kΩ·fF = ps; Ω·fF = 1e-3 ps). */
export function wireDelay(fanout: number, model: ProcessModel): WireDelay {
  const wl = model.wireLoad;
  const lengthUm = Math.max(0, wl.baseUm + wl.umPerFanout * Math.max(0, fanout));
  const { rOhmPerUm, cFfPerUm } = effectiveWireRc(model);
  const rOhm = rOhmPerUm * lengthUm;
  const cFf = cFfPerUm * lengthUm;
  return { lengthUm, rOhm, cFf, delayPs: wl.driverKOhm * cFf + 0.5 * rOhm * cFf * 1e-3 };
}

export function deratedPathDelay(path: PathInput, model: ProcessModel): PathDelay {
  const t = model.timing;
  const logic = path.logicPs;
  const scale = logic * (model.frontEnd.delayScale - 1);
  const wire = path.wirePs;
  const gbFraction = mpWireGuardbandFraction(model);
  const guard = wire * gbFraction;
  const derate = (logic + scale + wire + guard) * (t.lateDerateData - 1);
  const terms: DelayTerm[] = [
    { name: 'logic', ps: logic, note: `logic delay on ${model.frontEnd.referenceLibrary}` },
    { name: 'delay-scale', ps: scale, note: `gate delay x${model.frontEnd.delayScale} vs the reference` },
    { name: 'wire', ps: wire, note: 'wire delay share of the path' },
    {
      name: 'mp-guardband',
      ps: guard,
      note: `+${(gbFraction * 100).toFixed(1)}% of wire delay for multi-patterning colour/overlay variation`,
    },
    { name: 'derate', ps: derate, note: `late data derate x${t.lateDerateData}` },
    { name: 'setup-uncertainty', ps: t.setupUncertaintyPs, note: 'setup uncertainty' },
  ];
  return { terms, totalPs: terms.reduce((s, x) => s + x.ps, 0) };
}
