/**
 * Checks a resolved model against itself, where the schema cannot: names that must refer to each
 * other, shares that must sum to 1, an edge loss that leaves some wafer. Each problem names the
 * path of the value to blame; the loader turns the path into a location in the right file.
 */
import type { JsonPath } from './json-locate';
import type { ProcessModel } from './model';

export interface ModelIssue {
  path: JsonPath;
  message: string;
  /** Point at the key rather than the value (a misnamed key). */
  atKey?: boolean;
}

export function semanticIssues(m: ProcessModel): ModelIssue[] {
  const out: ModelIssue[] = [];
  const names = new Set<string>();
  m.beol.layers.forEach((l, i) => {
    if (names.has(l.name)) out.push({ path: ['beol', 'layers', i, 'name'], message: `layer class "${l.name}" is defined twice` });
    names.add(l.name);
  });

  const shares = m.wireLoad.layerShares;
  let sum = 0;
  for (const [name, share] of Object.entries(shares)) {
    sum += share;
    if (!names.has(name)) {
      out.push({
        path: ['wireLoad', 'layerShares', name],
        atKey: true,
        message: `wireLoad.layerShares names "${name}", which is not a beol layer class (${[...names].join(', ')})`,
      });
    }
  }
  const hasWire = m.wireLoad.baseUm > 0 || m.wireLoad.umPerFanout > 0;
  if (hasWire && Math.abs(sum - 1) > 1e-6) {
    out.push({ path: ['wireLoad', 'layerShares'], message: `wireLoad.layerShares sum to ${round(sum)}, not 1` });
  }

  const w = m.manufacturing.wafer;
  if (w.edgeLossMm >= w.diameterMm / 2) {
    out.push({
      path: ['manufacturing', 'wafer', 'edgeLossMm'],
      message: `edge loss ${w.edgeLossMm} mm leaves nothing of a ${w.diameterMm} mm wafer`,
    });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
