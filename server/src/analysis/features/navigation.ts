/**
 * Go to definition, find references and document highlights: the occurrence under the cursor is
 * resolved to a symbol key, and the key's occurrences are gathered from the modules that can
 * mention it (its own definitions and the modules that instantiate it), in every file.
 */
import { preprocessorDefinition } from './macros';
import { WeakMemo } from '../../base/revisions';
import type { Position } from '../../base/text';
import type { ModuleDecl } from '../../semantic';
import {
  declarationsOf,
  modulesMentioning,
  moduleTable,
  occurrenceAt,
  textOccurrences,
  type ModuleTable,
  type Occurrence,
  type OccurrenceAt,
} from '../../semantic/query';
import type { LineIndex } from '../../base/text';
import { lineIndexOf, validPosition, type FeatureContext, type FileRange } from './context';

/** The resolved occurrence under the cursor, or undefined (also for bad positions). */
export function symbolAt(ctx: FeatureContext, file: string, pos: Position, preferLocal = false): OccurrenceAt | undefined {
  if (!validPosition(ctx, file, pos)) return undefined;
  const direct = occurrenceAt(ctx.host.model.index, file, pos, preferLocal);
  if (direct) return direct;
  // Names the AST has no position for (non-ANSI header ports, generate-for steps).
  const m = ctx.host.model.index.file(file)?.modules.find((x) => x.loc.file === file && rangeHas(x.loc.range, pos));
  const li = m && lineIndexOf(ctx, file);
  if (!m || !li) return undefined;
  const table = moduleTable(m);
  const extra = headerOccurrences(table, li).find((o) => rangeHas(o.loc.range, pos));
  if (!extra) return undefined;
  return { occurrence: extra, table, symbol: extra.key ? table.byKey.get(extra.key) : undefined };
}

function rangeHas(r: FileRange['range'], p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

export function definition(ctx: FeatureContext, file: string, pos: Position): FileRange[] {
  const pre = preprocessorDefinition(ctx, file, pos);
  if (pre) return pre;
  const at = symbolAt(ctx, file, pos);
  if (!at?.occurrence.key) return [];
  return declarationsOf(ctx.host.model.index, at.occurrence.key).map((s) => ({ file: s.nameLoc.file, range: s.nameLoc.range }));
}

export type Reference = Occurrence & { module: ModuleDecl };

const headerCache = new WeakMemo<ModuleTable, Occurrence[]>();

/** textOccurrences, kept per module table while the file's text is the same (base/revisions.ts). */
function headerOccurrences(table: ModuleTable, li: LineIndex): Occurrence[] {
  return headerCache.get(table, [li.text], () => textOccurrences(table, li));
}

/** Every occurrence of a symbol key, the AST's and those recovered from header text. */
export function occurrencesOf(ctx: FeatureContext, key: string): Reference[] {
  const out: Reference[] = [];
  const seen = new Set<string>();
  for (const m of modulesMentioning(ctx.host.model.index, key)) {
    const table = moduleTable(m);
    const add = (o: Occurrence) => {
      if (o.key !== key) return;
      const id = `${o.loc.file}:${o.loc.range.start.line}:${o.loc.range.start.character}`;
      if (seen.has(id)) return;
      seen.add(id);
      out.push({ ...o, module: m });
    };
    table.occurrences.forEach(add);
    const li = lineIndexOf(ctx, m.file);
    if (li) headerOccurrences(table, li).forEach(add);
  }
  out.sort((a, b) => a.loc.file.localeCompare(b.loc.file) || a.loc.range.start.line - b.loc.range.start.line || a.loc.range.start.character - b.loc.range.start.character);
  return out;
}

export function references(ctx: FeatureContext, file: string, pos: Position, includeDeclaration: boolean): FileRange[] {
  const at = symbolAt(ctx, file, pos);
  if (!at?.occurrence.key) return [];
  return occurrencesOf(ctx, at.occurrence.key)
    .filter((o) => includeDeclaration || o.role !== 'declaration')
    .map((o) => ({ file: o.loc.file, range: o.loc.range }));
}

export interface Highlight {
  range: FileRange['range'];
  kind: 'read' | 'write' | 'text';
}

/** The occurrences of the symbol under the cursor in the same file. */
export function highlights(ctx: FeatureContext, file: string, pos: Position): Highlight[] {
  const at = symbolAt(ctx, file, pos);
  if (!at?.occurrence.key) return [];
  return occurrencesOf(ctx, at.occurrence.key)
    .filter((o) => o.loc.file === file)
    .map((o) => ({ range: o.loc.range, kind: o.role === 'declaration' ? 'write' : 'text' }));
}
