/**
 * Questions the editor asks of an accelerator summary: the code lens on a PE module
 * ("x 256 instances, 512 MAC/cycle") and the hover on a MAC expression.
 */
import { rangeContains, type Position } from '../../base/text';
import type { AcceleratorSummary, MacSite, PeArray } from './types';

export interface PeArrayInfo {
  module: string;
  /** Every array of this module in the design (one per parent body). */
  arrays: PeArray[];
  /** Instances of the module in the design (all arrays, all copies). */
  instances: number;
  /** MACs per cycle of all those instances. */
  macsPerCycle: number;
}

/**
 * The PE arrays built from module `moduleName`, with design-wide instance and MAC counts, or
 * undefined when the module is not replicated as a PE. For a code lens on the module's header.
 */
export function peArrayFor(summary: AcceleratorSummary, moduleName: string): PeArrayInfo | undefined {
  const arrays = summary.peArrays.filter((a) => a.module === moduleName);
  if (arrays.length === 0) return undefined;
  const instances = arrays.reduce((s, a) => s + a.instances * a.copies, 0);
  const macsPerCycle = arrays.reduce((s, a) => s + a.instances * a.copies * a.macsPerPe, 0);
  return { module: moduleName, arrays, instances, macsPerCycle };
}

export interface MacHover {
  site: MacSite;
  /** Instances of the site's module in the design (over every parameter set with this source). */
  instances: number;
  /** The MACs per cycle this one expression contributes to the design. */
  macsPerCycle: number;
  /** Share of the design's MACs per cycle. */
  share: number;
}

/**
 * The MAC whose multiply (`a * b`) or accumulate (`acc + ...`) expression contains `position` in
 * `file` (0-based line and UTF-16 column), or undefined. For a hover on the expression.
 */
export function macAt(summary: AcceleratorSummary, file: string, position: Position): MacHover | undefined {
  const hits = summary.sites.filter(({ site }) => [site.mulLoc, site.addLoc].some((l) => l.file === file && rangeContains(l.range, position)));
  if (hits.length === 0) return undefined;
  // the innermost expression wins (the product inside an accumulate)
  const size = (s: MacSite) => {
    const l = s.mulLoc.file === file && rangeContains(s.mulLoc.range, position) ? s.mulLoc : s.addLoc;
    return (l.range.end.line - l.range.start.line) * 1e6 + (l.range.end.character - l.range.start.character);
  };
  hits.sort((a, b) => size(a.site) - size(b.site));
  const first = hits[0].site;
  const same = hits.filter(({ site }) => site.mulLoc === first.mulLoc || sameLoc(site, first));
  const instances = same.reduce((s, h) => s + h.instances, 0);
  return { site: first, instances, macsPerCycle: instances, share: summary.macsPerCycle > 0 ? instances / summary.macsPerCycle : 0 };
}

function sameLoc(a: MacSite, b: MacSite): boolean {
  const x = a.mulLoc.range.start;
  const y = b.mulLoc.range.start;
  return a.mulLoc.file === b.mulLoc.file && x.line === y.line && x.character === y.character;
}
