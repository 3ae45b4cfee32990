/**
 * Accelerator metrics: what the design computes per cycle, per mm², per wafer and per dollar,
 * DUV against EUV. Combines the estimate stage (operator graphs, area, fmax) with the process
 * stage (derates, die, yield, cost, chiplets); pure functions, no LSP or terminal.
 *
 *   const s = acceleratorSummary(design, estimate, [duv, euv]);
 *   s.macsPerCycle, s.byWidth, s.peArrays, s.processes[i].{peakTops, topsPerMm2, topsPerWafer, usdPerTops}
 *   peArrayFor(s, 'sa_pe')            -> code lens: instances and MAC/cycle of a PE module
 *   macAt(s, file, position)          -> hover: the MAC under the cursor and its share
 *   acceleratorSweep({...})           -> the metrics with the array-shape parameters halved/doubled
 *   acceleratorJson(s, sweep) / acceleratorText(s, sweep) -> the report section
 */
export { acceleratorSummary, NO_MACS_NOTE } from './summary';
export { findMacs, widthClassOf, type ModuleMacs } from './mac-recognition';
export { findPeArrays, gridDims, namePattern, shapeText } from './pe-arrays';
export { processMetrics, OPS_PER_MAC } from './metrics';
export { acceleratorSweep, type Sweep, type SweepInput, type SweepPoint } from './sweep';
export { macAt, peArrayFor, type MacHover, type PeArrayInfo } from './query';
export { acceleratorJson, acceleratorText, type AcceleratorJson } from './report';
export type * from './types';
