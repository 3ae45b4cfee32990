/**
 * A 64-bit digest of a string (two independent 32-bit FNV-1a style passes with different seeds,
 * plus the length), for caches that compare large derived strings and should not keep them: the
 * chance that two different strings agree is about 2^-64 per comparison.
 */
export function digest(s: string): string {
  mix(s);
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${s.length}`;
}

/** The two passes' state after `mix`. */
let h1 = 0;
let h2 = 0;

/**
 * The loop alone, in a function of its own: its strings are tens of kB (a module's JSON), so V8
 * optimises it in the middle of the loop (on-stack replacement), and the formatting after the
 * loop, reached with no type feedback, threw the optimised code away again (a deoptimisation
 * "insufficient type feedback for binary operation") on call after call while editing, each one
 * finishing its string in the interpreter. Here nothing follows the loop but two stores.
 */
function mix(s: string): void {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  h1 = a;
  h2 = b;
}
