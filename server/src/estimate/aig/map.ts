/**
 * A cut-based technology mapper of the and-inverter graph onto the reference library's cells
 * (`cells.ts`), as ABC's area mappers do it: every AND gets its k-feasible cuts (k = 4, a bounded
 * number of priority cuts per node, each with its truth table), a cut's function is looked up in a
 * table of what one cell computes (any input order, inputs and output possibly inverted at an
 * inverter's area), each node keeps its cut of least area flow (the cell plus its leaves' area
 * shared among their fanouts), and the cover from the roots counts the chosen cells. A second
 * pass recomputes the area flow with the first cover's fanouts (area recovery).
 *
 * Typed arrays throughout, the cut loop in one function with its arrays in locals, the trivial cut
 * stored as a slot of its own and a leaf signature that rejects most oversized unions unmerged:
 * a 30k-AND netlist maps in under 100 ms warm. Each chosen cell is
 * given to the operator node its root AND was built for, so per-line area stays.
 */
import { CELLS } from './cells';
import { nodeOf, type Aig } from './aig';

const K = 4;
/** Cuts kept per node (priority cuts). */
const C = 4;
const FULL = 0xffff;
/** Truth table of leaf position i over 4 inputs. */
const VAR = [0xaaaa, 0xcccc, 0xf0f0, 0xff00];

let table: Float32Array | undefined;
let invArea = 0.044;

/** Bits of a 4-input table where input v is 0. */
const ZERO_OF = [0x5555, 0x3333, 0x0f0f, 0x00ff];

/** Table t with input v complemented (bit m takes bit m ^ 2^v). */
function flipInput(t: number, v: number): number {
  const s = 1 << v;
  const z = ZERO_OF[v];
  return ((t & z) << s) | ((t >> s) & z);
}

/** A cell's function with its input j on leaf position place[j]: a 4-input table. */
function placed(tt: number, n: number, place: Int32Array): number {
  let f = 0;
  for (let m = 0; m < 16; m++) {
    let idx = 0;
    for (let j = 0; j < n; j++) idx |= ((m >> place[j]) & 1) << j;
    if ((tt >> idx) & 1) f |= 1 << m;
  }
  return f;
}

/** Area of the cheapest single cell (with inverters) computing each 4-input function; Infinity: none.
 *  Made on first use: per cell and input order, its table once, the inverted inputs by flipping it. */
export function matchTable(): Float32Array {
  if (table) return table;
  const t = new Float32Array(1 << 16).fill(Infinity);
  const inv = CELLS.find((c) => c[1] === 1 && c[2] === 0x1);
  invArea = inv ? inv[3] : invArea;
  // a complemented input's inverter is often shared with other readers: half of one
  const negIn = invArea / 2;
  const put = (tt: number, cost: number) => {
    if (cost < t[tt]) t[tt] = cost;
    const n = ~tt & FULL;
    if (cost + invArea < t[n]) t[n] = cost + invArea;
  };
  // constants and single wires
  put(0, 0);
  for (let v = 0; v < K; v++) put(VAR[v], 0);
  const place = new Int32Array(K);
  const used = new Uint8Array(K);
  for (const [, n, tt, area] of CELLS) {
    if (n < 1 || n > K) continue;
    // every order of the cell's inputs on the leaf positions, depth first (as `put` is a minimum,
    // the order only has to cover them all)
    const rec = (k: number) => {
      if (k === n) {
        const f0 = placed(tt, n, place);
        for (let neg = 0; neg < 1 << n; neg++) {
          let f = f0;
          let negs = 0;
          for (let j = 0; j < n; j++) {
            if ((neg >> j) & 1) {
              f = flipInput(f, place[j]);
              negs++;
            }
          }
          put(f, area + negs * negIn);
        }
        return;
      }
      for (let p = 0; p < K; p++) {
        if (used[p]) continue;
        used[p] = 1;
        place[k] = p;
        rec(k + 1);
        used[p] = 0;
      }
    };
    rec(0);
  }
  table = t;
  return t;
}

let insTable: Uint16Array | undefined;

/**
 * ins[(p << 8) | (tt & 0xff)]: the 4-input table tt with a new, unused input at position p
 * (inputs p and above move up one; the top input must be unused, so only tt's low 8 bits matter).
 * Makes re-expressing a cut's table over a larger leaf set a few lookups; 1,024 entries, made on
 * first use.
 */
function insertTable(): Uint16Array {
  if (insTable) return insTable;
  const t = new Uint16Array(K << 8);
  for (let p = 0; p < K; p++) {
    for (let tt = 0; tt < 1 << 8; tt++) {
      let r = 0;
      for (let m = 0; m < 16; m++) {
        const low = m & ((1 << p) - 1);
        const idx = low | ((m >> (p + 1)) << p);
        if ((tt >> idx) & 1) r |= 1 << m;
      }
      t[(p << 8) | tt] = r;
    }
  }
  insTable = t;
  return t;
}

export interface Mapping {
  /** Cell area of the cover, µm². */
  area: number;
  /** Cells in the cover. */
  cells: number;
  /** Cover area by the operator node each cell's root AND was built for (index = node id). */
  areaOf: Float64Array;
  /** Depth of the cover in cells. */
  depth: number;
  /** Cell level of each AIG node: a cell's root one more than its deepest leaf; a node inside a
   *  cell (not its root) at its fan-ins' level (its delay is its root's). */
  level: Int32Array;
  /** The cover: each cell's root AND, its leaves (K per cell, -1 unused) and its function over them. */
  cellRoots: Int32Array;
  cellLeaves: Int32Array;
  cellTT: Uint16Array;
}

/** Largest network mapped (live ANDs); beyond it the caller uses its per-AND figures. */
export const MAX_MAPPED_ANDS = 1 << 19;

/** Cut slots per node: C priority cuts, then the trivial cut {node} in slot C. */
const S = C + 1;

/** The mapper's arrays for one network (one allocation per call, no object per cut). */
interface Cuts {
  /** Leaves of each slot (K per slot), their count, truth table, the cell's cost, and a
   *  signature (one bit per leaf, by leaf mod 32) that rejects most unions of more than K leaves
   *  without merging them. */
  leaves: Int32Array;
  nLeaves: Uint8Array;
  tts: Uint16Array;
  cost: Float32Array;
  sig: Int32Array;
  nCuts: Uint8Array;
  /** Area flow of each node's best cut, and that flow shared among its references (flow / refs). */
  flow: Float64Array;
  share: Float64Array;
  refs: Float32Array;
}

/**
 * Maps the live part of `aig` (the cone of `roots`, literals) onto the cells; `nodes` is the
 * number of operator nodes (for `areaOf`). Undefined when the network is too large.
 */
export function mapNetwork(aig: Aig, live: Uint8Array, roots: readonly number[], nodes: number): Mapping | undefined {
  const N = aig.size;
  const f0 = aig.f0;
  const f1 = aig.f1;
  let ands = 0;
  for (let i = 1; i < N; i++) if (live[i] && f0[i] >= 0) ands++;
  if (ands > MAX_MAPPED_ANDS) return undefined;
  const cuts: Cuts = {
    leaves: new Int32Array(N * S * K),
    nLeaves: new Uint8Array(N * S),
    tts: new Uint16Array(N * S),
    cost: new Float32Array(N * S),
    sig: new Int32Array(N * S),
    nCuts: new Uint8Array(N),
    flow: new Float64Array(N),
    share: new Float64Array(N),
    refs: new Float32Array(N),
  };
  // every node's trivial cut {node}, its table the first input
  const { leaves, nLeaves, tts, sig } = cuts;
  const v0 = VAR[0];
  for (let i = 0; i < N; i++) {
    const s = i * S + C;
    leaves[s * K] = i;
    nLeaves[s] = 1;
    tts[s] = v0;
    sig[s] = 1 << (i & 31);
  }
  const fanout = new Float32Array(N);
  for (let i = 1; i < N; i++) {
    if (!live[i] || f0[i] < 0) continue;
    fanout[f0[i] >>> 1]++;
    fanout[f1[i] >>> 1]++;
  }
  for (const r of roots) fanout[nodeOf(r)]++;
  const refs = cuts.refs;
  for (let i = 0; i < N; i++) refs[i] = Math.max(1, fanout[i]);

  enumerateCuts(aig, live, cuts, matchTable(), insertTable());
  // the first cover's references only (what area recovery reads)
  coverRefs(aig, roots, cuts);
  // area recovery: the area flow again with the first cover's fanouts
  for (let i = 0; i < N; i++) refs[i] = Math.max(1, (refs[i] + fanout[i]) / 2);
  cuts.nCuts.fill(0);
  enumerateCuts(aig, live, cuts, matchTable(), insertTable());
  return cover(aig, live, roots, nodes, cuts);
}

/**
 * One pass over the live ANDs in order (fan-ins first): each node's best C cuts by area flow, from
 * the pairs of its fan-ins' cuts (each fan-in's C cuts and its trivial cut). One function with its
 * arrays in locals, so that V8 optimises the loop early (it runs first in a cold process).
 */
function enumerateCuts(aig: Aig, live: Uint8Array, cuts: Cuts, match: Float32Array, ins: Uint16Array): void {
  const N = aig.size;
  const f0 = aig.f0;
  const f1 = aig.f1;
  const { leaves, nLeaves, tts, cost, sig, nCuts, flow, share, refs } = cuts;
  // the best C candidate cuts of the node being mapped, kept sorted by area flow
  const cl = new Int32Array((C + 1) * K);
  const cn = new Uint8Array(C + 1);
  const ct = new Uint16Array(C + 1);
  const cf = new Float64Array(C + 1);
  const cc = new Float32Array(C + 1);
  const cg = new Int32Array(C + 1);
  const merged = new Int32Array(K);
  for (let i = 1; i < N; i++) {
    if (!live[i] || f0[i] < 0) continue;
    const a = f0[i];
    const b = f1[i];
    const x = a >>> 1;
    const y = b >>> 1;
    const ka = nCuts[x] + 1;
    const kb = nCuts[y] + 1;
    let m = 0;
    for (let ia = 0; ia < ka; ia++) {
      // the node's cuts, then its trivial cut
      const sa = x * S + (ia === ka - 1 ? C : ia);
      const na = nLeaves[sa];
      const pa = sa * K;
      const tA = tts[sa];
      const gA = sig[sa];
      for (let ib = 0; ib < kb; ib++) {
        const sb = y * S + (ib === kb - 1 ? C : ib);
        const g = gA | sig[sb];
        // more than K distinct leaves for certain
        if (popcount(g) > K) continue;
        const nb = nLeaves[sb];
        const pb = sb * K;
        // sorted union of the leaves, at most K
        let p = 0;
        let q = 0;
        let n = 0;
        let lf = 0;
        while (p < na || q < nb) {
          let v: number;
          if (q >= nb || (p < na && leaves[pa + p] < leaves[pb + q])) v = leaves[pa + p++];
          else if (p >= na || leaves[pb + q] < leaves[pa + p]) v = leaves[pb + q++];
          else {
            v = leaves[pa + p++];
            q++;
          }
          if (n >= K) {
            n = K + 1;
            break;
          }
          merged[n++] = v;
          lf += share[v];
        }
        if (n > K) continue;
        // cannot enter the C best
        if (m === C && lf >= cf[C - 1]) continue;
        // the same leaf set already kept
        let dup = false;
        for (let c = 0; c < m && !dup; c++) {
          if (cn[c] !== n || cg[c] !== g) continue;
          let same = true;
          for (let j = 0; j < n; j++) if (cl[c * K + j] !== merged[j]) same = false;
          dup = same;
        }
        if (dup) continue;
        // both tables over the merged leaves (an input missing from a cut inserted where it goes)
        let ta = tA;
        if (na !== n) {
          let j = 0;
          for (let r = 0; r < n; r++) {
            if (j < na && leaves[pa + j] === merged[r]) j++;
            else ta = ins[(r << 8) | (ta & 0xff)];
          }
        }
        let tb = tts[sb];
        if (nb !== n) {
          let j = 0;
          for (let r = 0; r < n; r++) {
            if (j < nb && leaves[pb + j] === merged[r]) j++;
            else tb = ins[(r << 8) | (tb & 0xff)];
          }
        }
        if (a & 1) ta = ~ta & FULL;
        if (b & 1) tb = ~tb & FULL;
        const tt = ta & tb;
        const c0 = match[tt];
        if (c0 === Infinity) continue;
        const f = c0 + lf;
        if (m === C && f >= cf[C - 1]) continue;
        // insert in order of area flow, then fewer leaves
        let at = m < C ? m : C - 1;
        while (at > 0 && (cf[at - 1] > f || (cf[at - 1] === f && cn[at - 1] > n))) {
          cf[at] = cf[at - 1];
          cn[at] = cn[at - 1];
          ct[at] = ct[at - 1];
          cc[at] = cc[at - 1];
          cg[at] = cg[at - 1];
          for (let j = 0; j < K; j++) cl[at * K + j] = cl[(at - 1) * K + j];
          at--;
        }
        cf[at] = f;
        cn[at] = n;
        ct[at] = tt;
        cc[at] = c0;
        cg[at] = g;
        for (let j = 0; j < n; j++) cl[at * K + j] = merged[j];
        if (m < C) m++;
      }
    }
    for (let k = 0; k < m; k++) {
      const s = i * S + k;
      nLeaves[s] = cn[k];
      tts[s] = ct[k];
      cost[s] = cc[k];
      sig[s] = cg[k];
      for (let j = 0; j < cn[k]; j++) leaves[s * K + j] = cl[k * K + j];
    }
    nCuts[i] = m;
    flow[i] = m > 0 ? cf[0] : 0;
    share[i] = flow[i] / refs[i];
  }
}

function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Each node's references in the cover from the roots by each node's best cut, into `refs`. */
function coverRefs(aig: Aig, roots: readonly number[], cuts: Cuts): void {
  const f0 = aig.f0;
  const { leaves, nLeaves, nCuts, refs } = cuts;
  const need = new Uint8Array(aig.size);
  const stack = new Int32Array(aig.size);
  let sp = 0;
  for (const r of roots) {
    const v = nodeOf(r);
    if (v > 0 && f0[v] >= 0 && !need[v]) {
      need[v] = 1;
      stack[sp++] = v;
    }
  }
  refs.fill(0);
  while (sp > 0) {
    const v = stack[--sp];
    const s = v * S;
    if (nCuts[v] === 0) continue;
    for (let j = 0; j < nLeaves[s]; j++) {
      const l = leaves[s * K + j];
      refs[l]++;
      if (f0[l] >= 0 && !need[l]) {
        need[l] = 1;
        stack[sp++] = l;
      }
    }
  }
}

/** The cover from the roots by each node's best cut: its cells, area, depth; `refs` becomes each
 *  node's references in the cover. */
function cover(aig: Aig, live: Uint8Array, roots: readonly number[], nodes: number, cuts: Cuts): Mapping {
  const N = aig.size;
  const f0 = aig.f0;
  const f1 = aig.f1;
  const src = aig.src;
  const { leaves, nLeaves, tts, cost, nCuts, refs } = cuts;
  const need = new Uint8Array(N);
  const areaOf = new Float64Array(nodes);
  const stack = new Int32Array(N);
  let sp = 0;
  const depthOf = new Int32Array(N);
  for (const r of roots) {
    const v = nodeOf(r);
    if (v > 0 && f0[v] >= 0 && !need[v]) {
      need[v] = 1;
      stack[sp++] = v;
    }
  }
  let area = 0;
  let cells = 0;
  refs.fill(0);
  const chosen = new Int32Array(N);
  while (sp > 0) {
    const v = stack[--sp];
    const s = v * S;
    if (nCuts[v] === 0) continue;
    area += cost[s];
    chosen[cells++] = v;
    const o = src[v];
    if (o >= 0 && o < nodes) areaOf[o] += cost[s];
    for (let j = 0; j < nLeaves[s]; j++) {
      const l = leaves[s * K + j];
      refs[l]++;
      if (f0[l] >= 0 && !need[l]) {
        need[l] = 1;
        stack[sp++] = l;
      }
    }
  }
  // depth in cells, in node order (leaves come before their roots)
  let depth = 0;
  for (let v = 1; v < N; v++) {
    if (!live[v] || f0[v] < 0) continue;
    if (!need[v]) {
      const d0 = depthOf[f0[v] >>> 1];
      const d1 = depthOf[f1[v] >>> 1];
      depthOf[v] = d0 > d1 ? d0 : d1;
      continue;
    }
    const s = v * S;
    let d = 0;
    for (let j = 0; j < nLeaves[s]; j++) {
      const l = depthOf[leaves[s * K + j]];
      if (l > d) d = l;
    }
    depthOf[v] = d + 1;
    if (d + 1 > depth) depth = d + 1;
  }
  const cellRoots = chosen.slice(0, cells);
  const cellLeaves = new Int32Array(cells * K).fill(-1);
  const cellTT = new Uint16Array(cells);
  for (let k = 0; k < cells; k++) {
    const s = cellRoots[k] * S;
    for (let j = 0; j < nLeaves[s]; j++) cellLeaves[k * K + j] = leaves[s * K + j];
    cellTT[k] = tts[s];
  }
  return { area, cells, areaOf, depth, level: depthOf, cellRoots, cellLeaves, cellTT };
}
