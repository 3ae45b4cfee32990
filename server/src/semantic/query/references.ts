/**
 * Name resolution across the workspace: what is at a position, where a symbol is declared, and
 * every occurrence of it in every file. Only the modules that can mention a symbol are visited: its
 * own module's definitions and the modules instantiating it (the index knows both), so a reference
 * search costs a few module tables, not the whole workspace.
 */
import { comparePositions, rangeContains, type Position } from '../../base/text';
import type { ModuleDecl } from '../ast/types';
import type { WorkspaceIndex } from '../workspace-index/workspace-index';
import { moduleTable, type ModuleTable } from './module-table';
import { moduleOfKey, type Occurrence, type SymbolDecl } from './symbols';

export interface OccurrenceAt {
  occurrence: Occurrence;
  /** The module whose text holds the occurrence. */
  table: ModuleTable;
  /** The occurrence's symbol, when it resolves to a declaration the workspace has. */
  symbol?: SymbolDecl;
}

/** The module of `file` whose text contains `pos`. */
export function moduleAtPosition(index: WorkspaceIndex, file: string, pos: Position): ModuleDecl | undefined {
  const f = index.file(file);
  return f?.modules.find((m) => m.loc.file === file && rangeContains(m.loc.range, pos)) ?? f?.packages?.find((m) => m.loc.file === file && rangeContains(m.loc.range, pos));
}

/** Definitions of a module, or else of a package, by name. */
function unitDefinitions(index: WorkspaceIndex, name: string): readonly ModuleDecl[] {
  const mods = index.definitions(name);
  if (mods.length) return mods;
  const p = index.package(name);
  return p ? [p] : [];
}

/**
 * The occurrence under the cursor. A position right after a name (the usual cursor place after
 * typing) counts; when two occurrences share the spot (an implicit `.p` connection), the port wins
 * unless `preferLocal`.
 */
export function occurrenceAt(index: WorkspaceIndex, file: string, pos: Position, preferLocal = false): OccurrenceAt | undefined {
  const m = moduleAtPosition(index, file, pos);
  if (!m) return undefined;
  const table = moduleTable(m);
  const hits = table.occurrences.filter((o) => o.loc.file === file && rangeContains(o.loc.range, pos));
  if (!hits.length) return undefined;
  // Innermost (shortest) first; prefer one that starts at or before the cursor strictly inside.
  hits.sort((a, b) => span(a) - span(b));
  let occurrence = hits[0];
  const twin = hits.find((h) => h !== occurrence && comparePositions(h.loc.range.start, occurrence.loc.range.start) === 0 && span(h) === span(occurrence));
  if (twin) {
    const local = occurrence.role === 'use' ? occurrence : twin;
    const port = occurrence.role === 'use' ? twin : occurrence;
    occurrence = preferLocal ? local : port;
  }
  return { occurrence, table, symbol: occurrence.key ? resolveKey(index, occurrence.key, table) : undefined };
}

function span(o: Occurrence): number {
  const r = o.loc.range;
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

/** The declaration a key names (local keys first in `within`, else in the module the key names). */
export function resolveKey(index: WorkspaceIndex, key: string, within?: ModuleTable): SymbolDecl | undefined {
  const local = within?.byKey.get(key);
  if (local) return local;
  const owner = unitDefinitions(index, moduleOfKey(key))[0];
  return owner ? moduleTable(owner).byKey.get(key) : undefined;
}

/** All declarations of a key (a module defined twice has two). */
export function declarationsOf(index: WorkspaceIndex, key: string): SymbolDecl[] {
  const out: SymbolDecl[] = [];
  for (const m of unitDefinitions(index, moduleOfKey(key))) {
    const s = moduleTable(m).byKey.get(key);
    if (s) out.push(s);
  }
  return out;
}

/** Modules whose tables may mention `key`: definitions of its module and the modules instantiating it. */
export function modulesMentioning(index: WorkspaceIndex, key: string): ModuleDecl[] {
  const owner = moduleOfKey(key);
  const out = new Set<ModuleDecl>(unitDefinitions(index, owner));
  for (const f of index.filesInstantiating(owner)) for (const m of index.file(f)?.modules ?? []) out.add(m);
  // a package's names are used by the modules (and packages) that import it
  if (!index.definitions(owner).length && index.package(owner)) for (const m of index.importersOf(owner)) out.add(m);
  // an interface's signals are used through the ports of that interface (`stream_if.src p`, `stream_if p`)
  if (index.module(owner)?.unit === 'interface') {
    let n = 0;
    for (const m of allModules(index)) {
      if (++n > 100_000) break;
      if (m.ports.some((p) => p.iface?.name === owner || (p.typeRef?.kind === 'named' && !p.typeRef.pkg && p.typeRef.name === owner))) out.add(m);
    }
  }
  return [...out];
}

/** Every module table of the workspace (workspace symbols, completion of module names). */
export function* allModules(index: WorkspaceIndex): Generator<ModuleDecl> {
  for (const f of index.filesList()) {
    const a = index.file(f);
    for (const m of a?.modules ?? []) yield m;
    for (const m of a?.packages ?? []) yield m;
  }
}
