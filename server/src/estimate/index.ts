/**
 * The estimate stage's facade: an elaborated design in, calibrated area and timing out.
 *
 *   const est = new Estimator(ASAP7_CALIBRATION, { identity: (m) => model.index.module(m.name) });
 *   est.estimate(design)  -> DesignEstimate (cell area, flops, by module, min period, critical path,
 *                            confidence); repeated calls re-estimate only changed modules.
 *
 * Numbers are on the calibration's reference library without wires. Process effects (wire delay
 * from the critical path's fan-outs, guardbands, derates, utilisation, die, yield, cost) are the
 * process stage's: it comes after this one, so it imports from here, never the reverse.
 */

export { Estimator, RESET_PORT_RE, type DesignEstimate, type DesignMemory, type MemoryArray, type CriticalStep, type PathSummary, type ClockTiming, type ClockCrossing, type DesignTiming, type MacroTiming, type EstimatorOptions, type EstimateDetails } from './estimator';
export { estimateModule, classify, type ModuleEstimate, type ContentClass } from './module-estimate';
export { buildOperatorGraph } from './graph/lower-module';
export { trimWidths, fuseMacs } from './graph/trim';
export { sizeNode, partialProducts, csdDigits } from './graph/size';
export type { OpGraph, OpNode, OpKind } from './graph/types';
export type { TimingModel, Arc, PathStep } from './timing/module-timing';
export type { Confidence } from './confidence';

export { ASAP7_CALIBRATION } from './default-calibration';
