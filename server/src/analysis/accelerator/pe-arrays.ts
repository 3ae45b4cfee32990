/**
 * Processing-element arrays: instances of one module replicated under one parent, by generate
 * loops (`g_row[3].g_col[5].u_pe`) or instance arrays (`u_pe[7]`), that contain MACs. The shape
 * comes from the instance names' indices: an array is regular (rows x columns, or more
 * dimensions) when the index values fill the whole grid.
 */
import type { ElaboratedInstance, ElaboratedModule } from '../../semantic/index';
import type { PeArray } from './types';
import { MAX_HIERARCHY_DEPTH } from '../../base/limits';

/** Indices and the name pattern of an instance name relative to its parent. */
export function namePattern(name: string): { pattern: string; indices: number[] } {
  const indices: number[] = [];
  if (/\[\d+\]/.test(name)) {
    const pattern = name.replace(/\[(\d+)\]/g, (_m, d: string) => {
      indices.push(Number(d));
      return '[*]';
    });
    return { pattern, indices };
  }
  // flat names numbered by hand: u_pe_0_1, u_pe3
  const pattern = name.replace(/\d+/g, (d) => {
    indices.push(Number(d));
    return '*';
  });
  return { pattern, indices };
}

/** Extent of each index when the index tuples fill the grid they span, else undefined. */
export function gridDims(tuples: number[][]): number[] | undefined {
  if (tuples.length === 0) return undefined;
  const k = tuples[0].length;
  if (k === 0 || tuples.some((t) => t.length !== k)) return undefined;
  const dims: number[] = [];
  for (let d = 0; d < k; d++) dims.push(new Set(tuples.map((t) => t[d])).size);
  const distinct = new Set(tuples.map((t) => t.join(','))).size;
  return dims.reduce((a, b) => a * b, 1) === tuples.length && distinct === tuples.length ? dims : undefined;
}

/**
 * PE arrays of a design. `macsOf(m)` is the MACs per cycle of one instance of `m` with its whole
 * subtree; `copiesOf(m)` how many instances of `m` the design has. Each parent body is looked at
 * once; `copies` says how often its arrays recur.
 */
export function findPeArrays(top: ElaboratedInstance, macsOf: (m: ElaboratedModule) => number, copiesOf: (m: ElaboratedModule) => number): PeArray[] {
  const out: PeArray[] = [];
  const done = new Set<ElaboratedModule>();
  const visit = (inst: ElaboratedInstance, depth: number) => {
    if (depth > MAX_HIERARCHY_DEPTH || done.has(inst.module)) return;
    done.add(inst.module);
    const groups = new Map<string, { module: ElaboratedModule; pattern: string; tuples: number[][] }>();
    for (const c of inst.children) {
      const rel = c.path.startsWith(inst.path + '.') ? c.path.slice(inst.path.length + 1) : c.path;
      const { pattern, indices } = namePattern(rel);
      const k = `${c.module.key}\u0000${pattern}`;
      const g = groups.get(k) ?? { module: c.module, pattern, tuples: [] };
      g.tuples.push(indices);
      groups.set(k, g);
    }
    for (const g of groups.values()) {
      if (g.tuples.length < 2) continue;
      const macsPerPe = macsOf(g.module);
      if (macsPerPe <= 0) continue;
      out.push({
        module: g.module.name,
        key: g.module.key,
        parentModule: inst.module.name,
        parentPath: inst.path,
        pattern: g.pattern,
        instances: g.tuples.length,
        copies: copiesOf(inst.module),
        dims: gridDims(g.tuples),
        macsPerPe,
      });
    }
    for (const c of inst.children) visit(c, depth + 1);
  };
  visit(top, 0);
  return out;
}

/** "8x8", or the instance count when the array is not a full grid. */
export function shapeText(a: Pick<PeArray, 'dims' | 'instances'>): string {
  return a.dims ? a.dims.join('x') : `${a.instances} (irregular)`;
}
