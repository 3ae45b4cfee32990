/**
 * From the estimator's cell area (on the reference library) to a die:
 *
 *   scaled cells = cell area · frontEnd.areaScale
 *   placed       = scaled cells / frontEnd.utilisation
 *   core         = (placed + macros) · (1 + die.overheadFraction)
 *   die          = (√core + 2 · ioRingMm)²          (a square die with an I/O ring on every side)
 *
 * Macros (SRAM) are already in target-node area and are not spread by utilisation. A register
 * array of at least memory.macroMinBits bits is one: its flops, write logic and read ports leave
 * the cell area and a macro of macroUm2PerBit per bit takes their place.
 */
import type { MemoryArray } from '../estimate/index';
import type { ProcessModel } from './model';

export interface AreaInput {
  /** Standard-cell area on the reference library, µm² (register arrays as flops included). */
  cellAreaUm2: number;
  /** Hard-macro area on this node, µm². */
  macroAreaUm2?: number;
  /** The design's register arrays (the estimator's `memories`): the large ones become macros. */
  memories?: readonly MemoryArray[];
}

/** The estimator's register arrays (`DesignEstimate.memories` without their source location). */
export type { MemoryArray };

export interface MemoryPlacement extends MemoryArray {
  bits: number;
  as: 'macro' | 'flops';
  /** Area of all instances as placed: macro area, or cell area as flops, µm². */
  areaUm2: number;
}

export interface DieArea {
  /** Standard-cell area left after the macros took their arrays, µm². */
  cellAreaUm2: number;
  scaledCellAreaUm2: number;
  placedAreaUm2: number;
  macroAreaUm2: number;
  coreAreaMm2: number;
  dieAreaMm2: number;
  /** Each register array and what it became. */
  memories: MemoryPlacement[];
}

/** Which arrays are macros under this model, and their areas. */
export function placeMemories(memories: readonly MemoryArray[], model: ProcessModel): MemoryPlacement[] {
  const min = model.memory.macroMinBits;
  return memories.map((m) => {
    const bits = m.words * m.width;
    const macro = min !== undefined && bits >= min;
    return { ...m, bits, as: macro ? 'macro' : 'flops', areaUm2: m.instances * (macro ? macroAreaUm2(bits, model) : m.flopUm2Each) };
  });
}

export function placedAreaUm2(cellAreaUm2: number, model: ProcessModel): number {
  return (cellAreaUm2 * model.frontEnd.areaScale) / model.frontEnd.utilisation;
}

/** SRAM macro area for `bits` from memory.macroUm2PerBit. */
export function macroAreaUm2(bits: number, model: ProcessModel): number {
  return bits * model.memory.macroUm2PerBit;
}

export function dieArea(input: AreaInput, model: ProcessModel): DieArea {
  const memories = placeMemories(input.memories ?? [], model);
  let cell = Math.max(0, input.cellAreaUm2);
  let macro = Math.max(0, input.macroAreaUm2 ?? 0);
  for (const m of memories) {
    if (m.as !== 'macro') continue;
    cell = Math.max(0, cell - m.instances * m.flopUm2Each);
    macro += m.areaUm2;
  }
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
    memories,
  };
}
