/**
 * Semantic tokens: every resolved name of a file classified by what it names (ports by direction,
 * clocks, resets, parameters, instances, modules), plus the lines of inactive preprocessor branches
 * so editors without the Unnecessary diagnostic tag can still dim them.
 *
 * Token types are the standard LSP ones (themes colour them without configuration); Verilog
 * specifics travel as modifiers. Clocks and resets are found from the always blocks' sensitivity
 * lists (a signal tested by the block's first `if` is the reset, the other edges are clocks), so no
 * elaboration is needed to colour a file.
 */
import type { Range } from '../../base/text';
import type { Expr, ModuleDecl, ModuleItem, Stmt } from '../../semantic';
import { moduleTable, resolveKey, type SymbolDecl } from '../../semantic/query';
import type { FeatureContext } from './context';

export const TOKEN_TYPES = ['class', 'namespace', 'parameter', 'variable', 'function', 'comment', 'type', 'enumMember', 'property', 'interface'] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly', 'input', 'output', 'inout', 'clock', 'reset', 'inactive'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

export function semanticTokens(ctx: FeatureContext, file: string, range?: Range): SemanticToken[] {
  const index = ctx.host.model.index;
  const ast = index.file(file);
  const out: SemanticToken[] = [];
  const taken = new Set<string>();
  const clockCache = new Map<string, Signals>();
  const signalsOf = (name: string): Signals => {
    let s = clockCache.get(name);
    if (!s) {
      const m = index.module(name);
      s = m ? clockAndReset(m) : { clocks: new Set(), resets: new Set() };
      clockCache.set(name, s);
    }
    return s;
  };
  for (const m of [...(ast?.modules ?? []), ...(ast?.packages ?? [])]) {
    const table = moduleTable(m);
    for (const o of table.occurrences) {
      if (!o.key || o.loc.file !== file) continue;
      const r = o.loc.range;
      if (r.start.line !== r.end.line || r.end.character <= r.start.character) continue;
      if (range && (r.end.line < range.start.line || r.start.line > range.end.line)) continue;
      const id = `${r.start.line}:${r.start.character}`;
      if (taken.has(id)) continue;
      const sym = resolveKey(index, o.key, table);
      if (!sym) continue;
      const tok = classify(sym, signalsOf);
      if (!tok) continue;
      if (o.role === 'declaration') tok.modifiers.unshift('declaration');
      taken.add(id);
      out.push({ line: r.start.line, character: r.start.character, length: r.end.character - r.start.character, ...tok });
    }
  }
  const doc = ctx.host.get(file);
  for (const ir of doc?.preprocessed.inactiveRanges ?? []) {
    for (let line = ir.start.line; line <= ir.end.line; line++) {
      if (range && (line < range.start.line || line > range.end.line)) continue;
      const from = line === ir.start.line ? ir.start.character : 0;
      const text = doc!.sourceText.slice(doc!.sourceIndex.lineStart(line), line + 1 < doc!.sourceIndex.lineCount ? doc!.sourceIndex.lineStart(line + 1) - 1 : undefined);
      const to = line === ir.end.line ? Math.min(ir.end.character, text.length) : text.length;
      if (to > from) out.push({ line, character: from, length: to - from, type: 'comment', modifiers: ['inactive'] });
    }
  }
  out.sort((a, b) => a.line - b.line || a.character - b.character);
  // Tokens may not overlap: keep the first of any overlapping pair.
  return out.filter((t, i) => i === 0 || !(out[i - 1].line === t.line && out[i - 1].character + out[i - 1].length > t.character));
}

interface Signals {
  clocks: Set<string>;
  resets: Set<string>;
}

/** The token type of each kind of symbol but ports and nets (whose modifiers say clock or reset). */
const TOKEN_OF: Record<Exclude<SymbolDecl['kind'], 'port' | 'net'>, TokenType> = {
  module: 'class', instance: 'namespace', block: 'namespace', genvar: 'variable', parameter: 'variable', function: 'function',
  type: 'type', 'enum-member': 'enumMember', field: 'property', package: 'namespace', modport: 'interface',
};

function classify(sym: SymbolDecl, signalsOf: (module: string) => Signals): { type: TokenType; modifiers: TokenModifier[] } | undefined {
  const sig = (): TokenModifier[] => {
    const s = signalsOf(sym.module);
    return s.resets.has(sym.name) ? ['reset'] : s.clocks.has(sym.name) ? ['clock'] : [];
  };
  if (sym.kind === 'port') return { type: 'parameter', modifiers: [sym.port!.dir, ...(sym.scope === '' ? sig() : [])] };
  if (sym.kind === 'net') return { type: 'variable', modifiers: sym.scope === '' ? sig() : [] };
  const type = TOKEN_OF[sym.kind];
  return type && { type, modifiers: sym.kind === 'parameter' || sym.kind === 'enum-member' ? ['readonly'] : [] };
}

/** Clock and reset names of a module, from its always blocks' edge-sensitive event lists. */
export function clockAndReset(m: ModuleDecl): Signals {
  const out: Signals = { clocks: new Set(), resets: new Set() };
  const visit = (items: ModuleItem[]) => {
    for (const it of items) {
      if (it.kind === 'always' && it.sensitivity.kind === 'list') {
        const edges = it.sensitivity.events.filter((e) => e.edge && e.expr.kind === 'ident').map((e) => (e.expr as { name: string }).name);
        if (!edges.length) continue;
        const tested = firstIfSignal(it.body);
        for (const n of edges) (n === tested && edges.length > 1 ? out.resets : out.clocks).add(n);
        // A synchronous reset: tested first in a block clocked by one edge.
        if (tested && edges.length === 1 && tested !== edges[0] && /rst|reset|clr/i.test(tested)) out.resets.add(tested);
      } else if (it.kind === 'gen-for') visit(it.body.items);
      else if (it.kind === 'gen-block') visit(it.items);
      else if (it.kind === 'gen-if') {
        if (it.then) visit(it.then.items);
        if (it.else) visit(it.else.items);
      } else if (it.kind === 'gen-case') for (const c of it.items) if (c.body) visit(c.body.items);
    }
  };
  visit(m.items);
  return out;
}

function firstIfSignal(s: Stmt | undefined): string | undefined {
  while (s && s.kind === 'block' && s.body.length) s = s.body[0];
  if (!s || s.kind !== 'if') return undefined;
  let c: Expr = s.cond;
  while (c.kind === 'unary' && (c.op === '!' || c.op === '~')) c = c.arg;
  if (c.kind === 'binary' && (c.op === '==' || c.op === '===') && c.left.kind === 'ident') c = c.left;
  return c.kind === 'ident' ? c.name : undefined;
}
