/**
 * Occurrences the AST keeps no position for, recovered from the module's text: the port names of a
 * non-ANSI header `module m(a, b);` and the target of a generate-for step `i = i + 1`. Without them
 * a rename would leave the old name behind and break the code.
 *
 * Only identifiers that spell a name of interest and that no AST occurrence already covers are
 * added, and only inside the header spans, so the scan cannot invent references elsewhere.
 */
import type { LineIndex, Position } from '../../base/text';
import type { ModuleDecl, ModuleItem } from '../ast/types';
import type { ModuleTable } from './module-table';
import type { Occurrence } from './symbols';

const WORD = /[A-Za-z_][A-Za-z0-9_$]*/g;

export function textOccurrences(table: ModuleTable, text: LineIndex): Occurrence[] {
  const m = table.module;
  if (m.loc.file !== m.nameLoc.file) return [];
  const covered = new Set(table.occurrences.map((o) => `${o.loc.range.start.line}:${o.loc.range.start.character}`));
  const out: Occurrence[] = [];
  const scan = (from: Position, to: Position, names: Map<string, string | undefined>) => {
    const start = text.offsetAt(from);
    const end = text.offsetAt(to);
    if (end <= start || end - start > 200_000) return;
    const slice = stripComments(text.text.slice(start, end));
    for (const w of slice.matchAll(WORD)) {
      if (!names.has(w[0])) continue;
      const pos = text.positionAt(start + w.index!);
      if (covered.has(`${pos.line}:${pos.character}`)) continue;
      covered.add(`${pos.line}:${pos.character}`);
      out.push({ name: w[0], loc: { file: m.file, range: { start: pos, end: text.positionAt(start + w.index! + w[0].length) } }, key: names.get(w[0]), role: 'use' });
    }
  };
  // the header: from the module name to the first `;` outside parentheses
  const portKeys = new Map<string, string | undefined>();
  for (const p of m.portOrder) portKeys.set(p, table.symbols.find((s) => s.kind === 'port' && s.name === p)?.key);
  if (portKeys.size) {
    const end = headerEnd(text, m);
    if (end) scan(m.nameLoc.range.end, end, portKeys);
  }
  walkGenFor(m.items, (g) => {
    const key = table.occurrences.find((o) => o.loc.range.start.line === g.genvarLoc.range.start.line && o.loc.range.start.character === g.genvarLoc.range.start.character)?.key;
    scan(g.genvarLoc.range.end, g.body.loc.range.start, new Map([[g.genvar, key]]));
  });
  return out;
}

function headerEnd(text: LineIndex, m: ModuleDecl): Position | undefined {
  const from = text.offsetAt(m.nameLoc.range.end);
  const limit = Math.min(text.text.length, text.offsetAt(m.loc.range.end));
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text.text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth <= 0) return text.positionAt(i);
  }
  return undefined;
}

/** Comments blanked to spaces (offsets kept). */
function stripComments(s: string): string {
  return s.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
}

function walkGenFor(items: ModuleItem[], f: (g: Extract<ModuleItem, { kind: 'gen-for' }>) => void): void {
  for (const it of items) {
    if (it.kind === 'gen-for') {
      f(it);
      walkGenFor(it.body.items, f);
    } else if (it.kind === 'gen-block') walkGenFor(it.items, f);
    else if (it.kind === 'gen-if') {
      if (it.then) walkGenFor(it.then.items, f);
      if (it.else) walkGenFor(it.else.items, f);
    } else if (it.kind === 'gen-case') for (const c of it.items) if (c.body) walkGenFor(c.body.items, f);
  }
}
