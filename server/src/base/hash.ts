/**
 * A 64-bit digest of a string (two independent 32-bit FNV-1a style passes with different seeds,
 * plus the length), for caches that compare large derived strings and should not keep them: the
 * chance that two different strings agree is about 2^-64 per comparison.
 */
export function digest(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${s.length}`;
}
