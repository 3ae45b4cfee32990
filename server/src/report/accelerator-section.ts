/**
 * The report's accelerator section, from the accelerator analysis (MACs, PE arrays, per-mm²/wafer/
 * dollar under each process model, and the array-shape sweep when the caller can re-elaborate).
 * A failure here must not cost the user the rest of the report, so it becomes a note instead.
 */
import { acceleratorJson, acceleratorSummary, acceleratorSweep } from '../analysis/accelerator/index';
import type { DesignEstimate, EstimateDetails } from '../estimate/index';
import type { ProcessModel } from '../process/index';
import type { ElaboratedDesign } from '../semantic/index';
import type { AcceleratorSection } from './types';

export interface SweepHooks {
  elaborate: (over: Record<string, bigint>) => ElaboratedDesign | undefined;
  estimateDesign: (d: ElaboratedDesign) => DesignEstimate;
}

export function acceleratorSectionFor(
  design: ElaboratedDesign,
  est: DesignEstimate,
  models: ProcessModel[],
  details: EstimateDetails,
  sweep?: SweepHooks,
): { section?: AcceleratorSection; note?: string } {
  try {
    const distinct = models.filter((m, i) => models.findIndex((x) => x.name === m.name) === i);
    const summary = acceleratorSummary(design, est, distinct, details);
    const points = sweep ? acceleratorSweep({ design, estimate: est, summary, models: distinct, elaborate: sweep.elaborate, estimateDesign: sweep.estimateDesign, details }) : undefined;
    return { section: acceleratorJson(summary, points) as AcceleratorSection };
  } catch (e) {
    return { note: `accelerator metrics failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
