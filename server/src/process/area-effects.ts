/**
 * From the estimator's cell area (on the reference library) to a die:
 *
 *   scaled cells = cell area · frontEnd.areaScale
 *   placed       = scaled cells / frontEnd.utilisation
 *   core         = (placed + macros) · (1 + die.overheadFraction)
 *   die          = (√core + 2 · ioRingMm)²          (a square die with an I/O ring on every side)
 *
 * Macros (SRAM) are already in target-node area and are not spread by utilisation.
 */
import type { ProcessModel } from './model';

export interface AreaInput {
  /** Standard-cell area on the reference library, µm². */
  cellAreaUm2: number;
  /** Hard-macro area on this node, µm². */
  macroAreaUm2?: number;
}

export interface DieArea {
  cellAreaUm2: number;
  scaledCellAreaUm2: number;
  placedAreaUm2: number;
  macroAreaUm2: number;
  coreAreaMm2: number;
  dieAreaMm2: number;
}

export function placedAreaUm2(cellAreaUm2: number, model: ProcessModel): number {
  return (cellAreaUm2 * model.frontEnd.areaScale) / model.frontEnd.utilisation;
}

/** SRAM macro area for `bits` from memory.macroUm2PerBit. */
export function macroAreaUm2(bits: number, model: ProcessModel): number {
  return bits * model.memory.macroUm2PerBit;
}

export function dieArea(input: AreaInput, model: ProcessModel): DieArea {
  const cell = Math.max(0, input.cellAreaUm2);
  const macro = Math.max(0, input.macroAreaUm2 ?? 0);
  const scaled = cell * model.frontEnd.areaScale;
  const placed = scaled / model.frontEnd.utilisation;
  const d = model.manufacturing.die;
  const coreMm2 = ((placed + macro) * (1 + d.overheadFraction)) / 1e6;
  const side = Math.sqrt(coreMm2) + 2 * d.ioRingMm;
  return {
    cellAreaUm2: cell,
    scaledCellAreaUm2: scaled,
    placedAreaUm2: placed,
    macroAreaUm2: macro,
    coreAreaMm2: coreMm2,
    dieAreaMm2: coreMm2 > 0 ? side * side : 0,
  };
}
