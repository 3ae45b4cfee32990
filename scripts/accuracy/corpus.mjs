/** The corpus accuracy set: its fixed fit / held-out split and its per-design comparison rows. */
import { createHash } from 'node:crypto';

export const SPLIT_RULE =
  'repositories sorted by the SHA-256 of "owner/name" (hex, ascending); the 1st, 3rd, 5th, ... are fit, the 2nd, 4th, ... held out. Chosen before any estimate was compared; it does not depend on results.';

/** The fixed split by repository (deterministic: no figure enters it). */
export function assignSplit(repositories) {
  const sorted = [...new Set(repositories)].sort((a, b) => {
    const ha = createHash('sha256').update(a).digest('hex');
    const hb = createHash('sha256').update(b).digest('hex');
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
  return { rule: SPLIT_RULE, fit: sorted.filter((_, i) => i % 2 === 0), held_out: sorted.filter((_, i) => i % 2 === 1) };
}
