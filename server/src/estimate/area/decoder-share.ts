/**
 * Decoders of one subject share their gates. A register file or CSR block compares one address
 * against many constants (`addr == A_CTRL`, the enables of a write `case`): synthesis builds one
 * decoder, predecoding the address bits once, so each further label costs about one gate, not
 * a W-bit comparator. Measured on the reference flow (10-bit address, 8 to 53 labels, each label
 * its own output): 2.6, 3.3, 6.4 and 9.3 µm², about 1.1 gate-equivalents per label.
 */
import type { Calibration } from '../calibration/types';
import type { OpGraph } from '../graph/types';

/** Gate-equivalents per decoded label once the subject is shared by several comparisons. */
export const DECODER_GATES_PER_LINE = 1.1;
/** Gate-equivalents per subject bit of the shared predecoder, spread over the labels. */
export const PREDECODE_GATES_PER_BIT = 0.5;
/** Comparisons of one subject from which the decoder is shared. */
export const SHARED_DECODER_MIN = 3;

/** Area of each single-input (constant) comparison whose subject is compared at least SHARED_DECODER_MIN times. */
export function sharedDecoderAreas(g: OpGraph, cal: Calibration): Map<number, number> {
  const groups = new Map<number, number[]>();
  for (const n of g.nodes) {
    if (!n.live || n.kind !== 'eq' || n.inputs.length !== 1) continue;
    const list = groups.get(n.inputs[0]);
    if (list) list.push(n.id);
    else groups.set(n.inputs[0], [n.id]);
  }
  const out = new Map<number, number>();
  const gate = cal.randomLogic.areaPerGateUm2;
  for (const [subject, ids] of groups) {
    if (ids.length < SHARED_DECODER_MIN) continue;
    const bits = Math.max(1, Math.min(g.nodes[subject].sig, g.nodes[subject].width));
    const each = (DECODER_GATES_PER_LINE + (PREDECODE_GATES_PER_BIT * bits) / ids.length) * gate;
    for (const id of ids) out.set(id, each);
  }
  return out;
}
