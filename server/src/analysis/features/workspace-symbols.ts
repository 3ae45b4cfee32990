/**
 * Workspace symbols: modules, and the ports, parameters and instances of each module, matched by a
 * case-insensitive subsequence of the query (`spe` finds `systolic_pe`), best matches first.
 */
import { allModules, moduleTable, type SymbolKind } from '../../semantic/query';
import type { FeatureContext, FileRange } from './context';

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKind;
  /** The module it belongs to (none for modules). */
  container?: string;
  location: FileRange;
}

const LISTED: ReadonlySet<SymbolKind> = new Set(['module', 'port', 'parameter', 'instance', 'function']);

export function workspaceSymbols(ctx: FeatureContext, query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.toLowerCase();
  const scored: Array<{ score: number; sym: WorkspaceSymbol }> = [];
  for (const m of allModules(ctx.host.model.index)) {
    for (const s of moduleTable(m).symbols) {
      if (!LISTED.has(s.kind) || (s.kind !== 'module' && s.scope !== '' && s.kind !== 'instance')) continue;
      const score = matchScore(s.name.toLowerCase(), q);
      if (score < 0) continue;
      scored.push({
        score: score + (s.kind === 'module' ? 0 : 1000),
        sym: { name: s.name, kind: s.kind, container: s.kind === 'module' ? undefined : s.module, location: { file: s.nameLoc.file, range: s.nameLoc.range } },
      });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.sym.name.localeCompare(b.sym.name) || a.sym.location.file.localeCompare(b.sym.location.file));
  return scored.slice(0, limit).map((x) => x.sym);
}

/** -1: no match; else lower is better (prefix < substring < subsequence). */
function matchScore(name: string, q: string): number {
  if (!q) return 0;
  if (name.startsWith(q)) return 1;
  const i = name.indexOf(q);
  if (i >= 0) return 10 + i;
  let at = 0;
  let gaps = 0;
  for (const ch of q) {
    const j = name.indexOf(ch, at);
    if (j < 0) return -1;
    gaps += j - at;
    at = j + 1;
  }
  return 100 + gaps;
}
