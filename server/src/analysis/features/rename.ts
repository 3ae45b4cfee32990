/**
 * Rename across files. Every occurrence of the symbol becomes one text edit, after checking that
 * the file really spells the old name there (an occurrence produced by a macro expansion maps to
 * the macro's use, and replacing that text would corrupt the file: such a rename is refused).
 *
 * An implicit connection `.p` names both the child's port and the local signal; renaming one of
 * them spells the connection out (`.new(p)` or `.p(new)`) so the other keeps its name.
 */
import type { Position, Range } from '../../base/text';
import { moduleTable } from '../../semantic/query';
import { textAt, type FeatureContext, type TextEdit, type WorkspaceEdit } from './context';
import { identifierProblem, KEYWORDS } from './keywords';
import { occurrencesOf, symbolAt } from './navigation';

export type PrepareRenameResult = { range: Range; placeholder: string } | { error: string };
export type RenameResult = { edit: WorkspaceEdit } | { error: string };

export function prepareRename(ctx: FeatureContext, file: string, pos: Position): PrepareRenameResult {
  const at = symbolAt(ctx, file, pos);
  if (!at) {
    const word = wordAt(ctx, file, pos);
    if (word && KEYWORDS.has(word)) return { error: `'${word}' is a keyword and cannot be renamed` };
    return { error: 'Nothing to rename here' };
  }
  if (!at.occurrence.key || !at.symbol) return { error: `'${at.occurrence.name}' is not declared in the workspace` };
  return { range: at.occurrence.loc.range, placeholder: at.occurrence.name };
}

export function rename(ctx: FeatureContext, file: string, pos: Position, newName: string): RenameResult {
  const prep = prepareRename(ctx, file, pos);
  if ('error' in prep) return prep;
  const problem = identifierProblem(newName);
  if (problem) return { error: problem };
  const at = symbolAt(ctx, file, pos)!;
  const sym = at.symbol!;
  const oldName = sym.name;
  if (newName === oldName) return { edit: new Map() };
  const index = ctx.host.model.index;
  if (sym.kind === 'module') {
    if (index.module(newName)) return { error: `A module named '${newName}' already exists` };
  } else {
    const owner = index.module(sym.module);
    const clash = owner && moduleTable(owner).symbols.find((s) => s.name === newName && s.kind !== 'module' && (s.scope === sym.scope || s.scope === ''));
    if (clash) return { error: `'${newName}' is already declared in module ${sym.module}` };
  }
  const edit: WorkspaceEdit = new Map();
  for (const o of occurrencesOf(ctx, sym.key)) {
    const written = textAt(ctx, o.loc.file, o.loc.range);
    if (written !== oldName)
      return { error: `'${oldName}' at ${o.loc.file}:${o.loc.range.start.line + 1} comes from a macro or the file cannot be read; rename it by hand` };
    let newText = newName;
    if (o.implicitConnection) newText = o.role === 'port-ref' ? `${newName}(${oldName})` : `${oldName}(${newName})`;
    const list = edit.get(o.loc.file) ?? [];
    // An implicit connection that names both the port and the local signal is one edit.
    if (!list.some((e) => sameRange(e.range, o.loc.range))) list.push({ range: o.loc.range, newText });
    edit.set(o.loc.file, list);
  }
  return { edit };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The word under the cursor, from the text (for messages about keywords). */
export function wordAt(ctx: FeatureContext, file: string, pos: Position): string | undefined {
  const line = textAt(ctx, file, { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: Number.MAX_SAFE_INTEGER } });
  if (line === undefined) return undefined;
  let s = Math.min(pos.character, line.length);
  let e = s;
  while (s > 0 && /[\w$]/.test(line[s - 1])) s--;
  while (e < line.length && /[\w$]/.test(line[e])) e++;
  return e > s ? line.slice(s, e) : undefined;
}

export type { TextEdit };
