/**
 * The content of an operator graph without its source locations: a hash of it, and an exact
 * comparison of two graphs. Two graphs that compare equal lower to the same bit-level network
 * (`aig/`), which reads every field of a node but where it came from. An edit of one module
 * re-elaborates its instantiators too (their children changed), but their own graphs stay the
 * same: the estimator reuses their networks and mapped covers instead of building and mapping
 * them again.
 *
 * Generic over the node's fields, so a field added to `OpNode` counts without anyone remembering
 * to add it here. Left out: `loc` (positions move with edits above a module; the network never
 * reads them) and `family`/`size` (set on the nodes after the network is built). No strings are
 * built: the hash folds the values in as it walks, the comparison stops at the first difference.
 */
import type { OpGraph } from './types';

const SKIP = new Set(['loc', 'family', 'size']);

/** Deepest nesting of a node's fields walked (a `macOf` node inside a node, arrays of labels);
 *  a graph nested deeper is never reused (its hash is undefined, it equals nothing). */
const MAX_DEPTH = 8;

class Hasher {
  a = 0x811c9dc5;
  b = 0x9747b28c;
  ok = true;

  int(x: number): void {
    this.a = Math.imul(this.a ^ x, 0x01000193);
    this.b = Math.imul(this.b ^ x, 0x5bd1e995);
    this.b ^= this.b >>> 15;
  }

  str(s: string): void {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.int(s.charCodeAt(i));
  }

  value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'number':
        if (Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff) {
          this.int(1);
          this.int(v);
        } else {
          this.int(2);
          this.str(String(v));
        }
        return;
      case 'string':
        this.int(3);
        this.str(v);
        return;
      case 'bigint':
        this.int(4);
        this.str(v.toString(16));
        return;
      case 'boolean':
        this.int(v ? 5 : 6);
        return;
      case 'undefined':
        this.int(7);
        return;
      case 'object':
        if (v === null) return this.int(8);
        if (depth >= MAX_DEPTH) {
          this.ok = false;
          return;
        }
        if (Array.isArray(v)) {
          this.int(9);
          this.int(v.length);
          for (let i = 0; i < v.length; i++) this.value(v[i], depth + 1);
        } else if (v instanceof Map) {
          this.int(10);
          this.int(v.size);
          for (const [k, x] of v) {
            this.value(k, depth + 1);
            this.value(x, depth + 1);
          }
        } else if (v instanceof Set) {
          this.int(11);
          this.int(v.size);
          for (const x of v) this.value(x, depth + 1);
        } else {
          this.int(12);
          for (const k in v) {
            if (SKIP.has(k)) continue;
            this.str(k);
            this.value((v as Record<string, unknown>)[k], depth + 1);
          }
          this.int(13);
        }
        return;
      default:
        this.ok = false;
    }
  }
}

/** A 64-bit hash of the graph's content (undefined: a graph that is never reused, see MAX_DEPTH). */
export function graphHash(g: OpGraph): string | undefined {
  const h = new Hasher();
  h.int(g.nodes.length);
  for (const n of g.nodes) h.value(n, 0);
  h.value(g.inputs, 0);
  h.value(g.outputs, 0);
  h.value(g.clocks, 0);
  h.value(g.instanceNets, 0);
  h.value(g.clockSources, 0);
  return h.ok ? `${(h.a >>> 0).toString(36)}.${(h.b >>> 0).toString(36)}` : undefined;
}

/** Whether two graphs have the same content (every field but the left-out ones, in the same order). */
export function sameGraph(x: OpGraph, y: OpGraph): boolean {
  if (x.nodes.length !== y.nodes.length) return false;
  for (let i = 0; i < x.nodes.length; i++) if (!same(x.nodes[i], y.nodes[i], 0)) return false;
  return same(x.inputs, y.inputs, 0) && same(x.outputs, y.outputs, 0) && same(x.clocks, y.clocks, 0) && same(x.instanceNets, y.instanceNets, 0) && same(x.clockSources, y.clockSources, 0);
}

function same(u: unknown, v: unknown, depth: number): boolean {
  if (u === v) return true;
  if (typeof u !== 'object' || typeof v !== 'object' || u === null || v === null) return Number.isNaN(u) && Number.isNaN(v);
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(u)) {
    if (!Array.isArray(v) || u.length !== v.length) return false;
    for (let i = 0; i < u.length; i++) if (!same(u[i], v[i], depth + 1)) return false;
    return true;
  }
  if (u instanceof Map) {
    if (!(v instanceof Map) || u.size !== v.size) return false;
    const a = [...u];
    const b = [...v];
    for (let i = 0; i < a.length; i++) if (!same(a[i][0], b[i][0], depth + 1) || !same(a[i][1], b[i][1], depth + 1)) return false;
    return true;
  }
  if (u instanceof Set) {
    if (!(v instanceof Set) || u.size !== v.size) return false;
    const a = [...u];
    const b = [...v];
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(v) || v instanceof Map || v instanceof Set) return false;
  const ku = Object.keys(u).filter((k) => !SKIP.has(k));
  const kv = Object.keys(v).filter((k) => !SKIP.has(k));
  if (ku.length !== kv.length) return false;
  for (let i = 0; i < ku.length; i++) {
    if (ku[i] !== kv[i]) return false;
    if (!same((u as Record<string, unknown>)[ku[i]], (v as Record<string, unknown>)[kv[i]], depth + 1)) return false;
  }
  return true;
}
