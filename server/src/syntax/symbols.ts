/** Document symbols (outline) from the symbols query, nested by containment. */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../base/text';
import type { SourceLocation } from './parsed-file';
import type { SyntaxQueries } from './queries';

export type SymbolKind =
  | 'module'
  | 'port'
  | 'parameter'
  | 'net'
  | 'variable'
  | 'always'
  | 'instance'
  | 'generate'
  | 'function'
  | 'task';

export interface OutlineSymbol {
  name: string;
  kind: SymbolKind;
  /** Whole definition. */
  range: Range;
  /** The name. */
  selectionRange: Range;
  detail?: string;
  children: OutlineSymbol[];
}

interface Flat {
  sym: OutlineSymbol;
  start: number;
  end: number;
}

export function documentSymbols(
  queries: SyntaxQueries,
  items: readonly Node[],
  locate: (s: number, e: number) => SourceLocation,
): OutlineSymbol[] {
  const flat: Flat[] = [];
  for (const item of items) {
    for (const m of queries.symbols.matches(item)) {
      const def = m.captures.find((c) => c.name !== 'name');
      const name = m.captures.find((c) => c.name === 'name');
      if (!def || !name) continue;
      const kind = def.name as SymbolKind;
      const label = kind === 'always' ? alwaysLabel(def.node) : name.node.text;
      flat.push({
        sym: {
          name: label,
          kind,
          range: locate(def.node.startIndex, def.node.endIndex).range,
          selectionRange: locate(name.node.startIndex, name.node.endIndex).range,
          detail: detailOf(kind, def.node),
          children: [],
        },
        start: def.node.startIndex,
        end: def.node.endIndex,
      });
    }
  }
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: OutlineSymbol[] = [];
  const stack: Flat[] = [];
  for (const f of flat) {
    while (stack.length && stack[stack.length - 1].end < f.end) stack.pop();
    if (stack.length && stack[stack.length - 1].start === f.start && stack[stack.length - 1].end === f.end && stack[stack.length - 1].sym.kind === f.sym.kind)
      continue;
    (stack.length ? stack[stack.length - 1].sym.children : roots).push(f.sym);
    stack.push(f);
  }
  return roots;
}

function alwaysLabel(n: Node): string {
  const kw = n.child(0)?.text ?? 'always';
  const ev = n.descendantsOfType('event_control')[0];
  const sens = ev ? ev.text.replace(/\s+/g, ' ') : '';
  return sens ? `${kw} ${sens}` : kw;
}

function detailOf(kind: SymbolKind, n: Node): string | undefined {
  if (kind === 'instance') return n.childForFieldName('instance_type')?.text ?? n.child(0)?.text;
  if (kind === 'port') {
    const dir = n.descendantsOfType('port_direction')[0]?.text;
    const t = n.type.replace('_declaration', '');
    return dir ?? (t === 'ansi_port' ? undefined : t);
  }
  return undefined;
}
