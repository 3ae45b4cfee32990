/**
 * A cut-based technology mapper of the and-inverter graph onto the reference library's cells
 * (`cells.ts`), as ABC's area mappers do it: every AND gets its k-feasible cuts (k = 4, a bounded
 * number of priority cuts per node, each with its truth table), a cut's function is looked up in a
 * table of what one cell computes (any input order, inputs and output possibly inverted at an
 * inverter's area), each node keeps its cut of least area flow (the cell plus its leaves' area
 * shared among their fanouts), and the cover from the roots counts the chosen cells. A second
 * pass recomputes the area flow with the first cover's fanouts (area recovery).
 *
 * Typed arrays throughout: a 30k-AND netlist maps in tens of milliseconds. Each chosen cell is
 * given to the operator node its root AND was built for, so per-line area stays.
 */
import { CELLS } from './cells';
import { isCompl, nodeOf, type Aig } from './aig';

const K = 4;
/** Cuts kept per node (priority cuts). */
const C = 4;
const FULL = 0xffff;
/** Truth table of leaf position i over 4 inputs. */
const VAR = [0xaaaa, 0xcccc, 0xf0f0, 0xff00];

let table: Float32Array | undefined;
let invArea = 0.044;

/** Area of the cheapest single cell (with inverters) computing each 4-input function; Infinity: none. */
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
  for (const [, n, tt, area] of CELLS) {
    if (n < 1 || n > K) continue;
    const place = new Array<number>(n);
    const used = new Uint8Array(K);
    const rec = (k: number) => {
      if (k === n) {
        for (let neg = 0; neg < 1 << n; neg++) {
          let f = 0;
          for (let m = 0; m < 16; m++) {
            let idx = 0;
            for (let j = 0; j < n; j++) idx |= (((m >> place[j]) & 1) ^ ((neg >> j) & 1)) << j;
            if ((tt >> idx) & 1) f |= 1 << m;
          }
          let negs = 0;
          for (let j = 0; j < n; j++) negs += (neg >> j) & 1;
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
 * ins[(p << 16) | tt]: the 4-input table tt with a new, unused input at position p (inputs p and
 * above move up one; the top input must be unused). Makes re-expressing a cut's table over a
 * larger leaf set a few lookups.
 */
function insertTable(): Uint16Array {
  if (insTable) return insTable;
  const t = new Uint16Array(K << 16);
  for (let p = 0; p < K; p++) {
    for (let tt = 0; tt < 1 << 16; tt++) {
      let r = 0;
      for (let m = 0; m < 16; m++) {
        const low = m & ((1 << p) - 1);
        const idx = low | ((m >> (p + 1)) << p);
        if ((tt >> idx) & 1) r |= 1 << m;
      }
      t[(p << 16) | tt] = r;
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

/**
 * Maps the live part of `aig` (the cone of `roots`, literals) onto the cells; `nodes` is the
 * number of operator nodes (for `areaOf`). Undefined when the network is too large.
 */
export function mapNetwork(aig: Aig, live: Uint8Array, roots: readonly number[], nodes: number): Mapping | undefined {
  const N = aig.size;
  let ands = 0;
  for (let i = 1; i < N; i++) if (live[i] && aig.f0[i] >= 0) ands++;
  if (ands > MAX_MAPPED_ANDS) return undefined;
  const match = matchTable();
  const ins = insertTable();
  const f0 = aig.f0;
  const f1 = aig.f1;
  const leaves = new Int32Array(N * C * K);
  const nLeaves = new Uint8Array(N * C);
  const tts = new Uint16Array(N * C);
  const nCuts = new Uint8Array(N);
  const cost = new Float32Array(N * C);
  const flow = new Float64Array(N);
  const fanout = new Float32Array(N);
  for (let i = 1; i < N; i++) {
    if (!live[i] || f0[i] < 0) continue;
    fanout[nodeOf(f0[i])]++;
    fanout[nodeOf(f1[i])]++;
  }
  for (const r of roots) fanout[nodeOf(r)]++;
  const refs = new Float32Array(N);
  for (let i = 0; i < N; i++) refs[i] = Math.max(1, fanout[i]);

  // the best C candidate cuts of the node being mapped, kept sorted by area flow
  const cl = new Int32Array((C + 1) * K);
  const cn = new Uint8Array(C + 1);
  const ct = new Uint16Array(C + 1);
  const cf = new Float64Array(C + 1);
  const cc = new Float32Array(C + 1);
  const la = new Int32Array(K);
  const lb = new Int32Array(K);
  const merged = new Int32Array(K);
  let cutTT = 0;

  /** tt over `from` leaves, re-expressed over `to` leaves (every `from` leaf is in `to`, both sorted). */
  const expand = (tt: number, from: Int32Array, nf: number, to: Int32Array, nt: number): number => {
    if (nf === nt) return tt;
    let j = 0;
    for (let p = 0; p < nt; p++) {
      if (j < nf && from[j] === to[p]) j++;
      else tt = ins[(p << 16) | tt];
    }
    return tt;
  };

  /** Leaves of cut k of node x into `out` (k >= its cuts: the trivial cut {x}); its table in cutTT. */
  const cutsOf = (x: number, k: number, out: Int32Array): number => {
    if (k >= nCuts[x]) {
      out[0] = x;
      cutTT = VAR[0];
      return 1;
    }
    const s = x * C + k;
    const n = nLeaves[s];
    for (let j = 0; j < n; j++) out[j] = leaves[s * K + j];
    cutTT = tts[s];
    return n;
  };

  const pass = () => {
    for (let i = 1; i < N; i++) {
      if (!live[i] || f0[i] < 0) continue;
      const a = f0[i];
      const b = f1[i];
      const x = nodeOf(a);
      const y = nodeOf(b);
      const ka = nCuts[x] + 1;
      const kb = nCuts[y] + 1;
      let m = 0;
      for (let ia = 0; ia < ka; ia++) {
        const na = cutsOf(x, ia === ka - 1 ? C : ia, la);
        const tA = cutTT;
        for (let ib = 0; ib < kb; ib++) {
          const nb = cutsOf(y, ib === kb - 1 ? C : ib, lb);
          const tB = cutTT;
          // sorted union of the leaves, at most K
          let p = 0;
          let q = 0;
          let n = 0;
          let lf = 0;
          while (p < na || q < nb) {
            let v: number;
            if (q >= nb || (p < na && la[p] < lb[q])) v = la[p++];
            else if (p >= na || lb[q] < la[p]) v = lb[q++];
            else {
              v = la[p++];
              q++;
            }
            if (n >= K) {
              n = K + 1;
              break;
            }
            merged[n++] = v;
            lf += flow[v] / refs[v];
          }
          if (n > K) continue;
          // cannot enter the C best
          if (m === C && lf >= cf[C - 1]) continue;
          // the same leaf set already kept
          let dup = false;
          for (let c = 0; c < m && !dup; c++) {
            if (cn[c] !== n) continue;
            let same = true;
            for (let j = 0; j < n; j++) if (cl[c * K + j] !== merged[j]) same = false;
            dup = same;
          }
          if (dup) continue;
          let ta = expand(tA, la, na, merged, n);
          let tb = expand(tB, lb, nb, merged, n);
          if (isCompl(a)) ta = ~ta & FULL;
          if (isCompl(b)) tb = ~tb & FULL;
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
            for (let j = 0; j < K; j++) cl[at * K + j] = cl[(at - 1) * K + j];
            at--;
          }
          cf[at] = f;
          cn[at] = n;
          ct[at] = tt;
          cc[at] = c0;
          for (let j = 0; j < n; j++) cl[at * K + j] = merged[j];
          if (m < C) m++;
        }
      }
      for (let k = 0; k < m; k++) {
        const s = i * C + k;
        nLeaves[s] = cn[k];
        tts[s] = ct[k];
        cost[s] = cc[k];
        for (let j = 0; j < cn[k]; j++) leaves[s * K + j] = cl[k * K + j];
      }
      nCuts[i] = m;
      flow[i] = m > 0 ? cf[0] : 0;
    }
  };

  const cover = (): Mapping => {
    const need = new Uint8Array(N);
    const areaOf = new Float64Array(nodes);
    const stack: number[] = [];
    const depthOf = new Int32Array(N);
    for (const r of roots) {
      const v = nodeOf(r);
      if (v > 0 && f0[v] >= 0 && !need[v]) {
        need[v] = 1;
        stack.push(v);
      }
    }
    let area = 0;
    let cells = 0;
    refs.fill(0);
    const chosen: number[] = [];
    while (stack.length) {
      const v = stack.pop()!;
      const s = v * C;
      if (nCuts[v] === 0) continue;
      area += cost[s];
      cells++;
      chosen.push(v);
      const src = aig.src[v];
      if (src >= 0 && src < nodes) areaOf[src] += cost[s];
      for (let j = 0; j < nLeaves[s]; j++) {
        const l = leaves[s * K + j];
        refs[l]++;
        if (f0[l] >= 0 && !need[l]) {
          need[l] = 1;
          stack.push(l);
        }
      }
    }
    // depth in cells, in node order (leaves come before their roots)
    let depth = 0;
    for (let v = 1; v < N; v++) {
      if (!live[v] || f0[v] < 0) continue;
      if (!need[v]) {
        depthOf[v] = Math.max(depthOf[nodeOf(f0[v])], depthOf[nodeOf(f1[v])]);
        continue;
      }
      const s = v * C;
      let d = 0;
      for (let j = 0; j < nLeaves[s]; j++) d = Math.max(d, depthOf[leaves[s * K + j]]);
      depthOf[v] = d + 1;
      if (d + 1 > depth) depth = d + 1;
    }
    const cellRoots = Int32Array.from(chosen);
    const cellLeaves = new Int32Array(chosen.length * K).fill(-1);
    const cellTT = new Uint16Array(chosen.length);
    chosen.forEach((v, k) => {
      const s = v * C;
      for (let j = 0; j < nLeaves[s]; j++) cellLeaves[k * K + j] = leaves[s * K + j];
      cellTT[k] = tts[s];
    });
    return { area, cells, areaOf, depth, level: depthOf, cellRoots, cellLeaves, cellTT };
  };

  pass();
  cover();
  // area recovery: the area flow again with the first cover's fanouts
  for (let i = 0; i < N; i++) refs[i] = Math.max(1, (refs[i] + fanout[i]) / 2);
  nCuts.fill(0);
  pass();
  return cover();
}
