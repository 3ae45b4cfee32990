/**
 * Our tree-sitter queries (grammars/queries/*.scm), read once per process and run over the columns
 * of a tree (`CompactTree`) instead of by a runtime's query engine: the outline and the folds then
 * need no runtime tree (files not open keep none) and no compile of the query against the grammar
 * (0.3-0.6 s of CPU with web-tree-sitter).
 *
 * The files use a small part of the query language, which is what this reads: node patterns
 * `(type child...)`, a field before a child (`name: (simple_identifier)`), the anchor `.` (the next
 * child pattern matches the first named child, or the named sibling right after the previous one;
 * at the end, the last named child), and captures `@name` after a pattern. Anything else in a file
 * is an error at load, not a silent non-match. A pattern matches as tree-sitter matches it: every
 * way of assigning its child patterns, in order, to children of the node is one match.
 * `queries-corpus.test.ts` checks the results on the query fixtures, and `lsp-outline.test.ts` the
 * outline and folds of real files.
 */
import type { CompactTree } from './light-tree';

export interface QueryTexts {
  symbols: string;
  folds: string;
}

/** One node of a pattern. */
export interface PatternNode {
  type: string;
  /** The field the node must fill in its parent (null: any). */
  field: string | null;
  capture: string | null;
  children: PatternNode[];
  /** Per child: anchored to the previous named child (or, for the first, to the first named child). */
  anchoredBefore: boolean[];
  /** The last child must be the last named child. */
  anchoredAfter: boolean;
}

export interface Pattern {
  root: PatternNode;
  /** Its place in the file, 0-based. */
  index: number;
}

export interface SyntaxQueries {
  symbols: Pattern[];
  folds: Pattern[];
}

/** Reads the query files (a malformed one throws, saying where). */
export function compileQueries(texts: QueryTexts): SyntaxQueries {
  return { symbols: parseQuery(texts.symbols, 'symbols.scm'), folds: parseQuery(texts.folds, 'folds.scm') };
}

/** Nothing to free (the patterns are plain objects); kept so that owners need not know. */
export function deleteQueries(_q: SyntaxQueries): void {}

const TOKEN = /\s+|;[^\n]*|\(|\)|\.(?![\w])|@[\w.-]+|[A-Za-z_][\w]*:|[A-Za-z_][\w]*/y;

export function parseQuery(text: string, name: string): Pattern[] {
  const tokens: Array<{ t: string; at: number }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`${name}: cannot read the query at offset ${at}: ${JSON.stringify(text.slice(at, at + 20))}`);
    if (/^\s|^;/.test(m[0])) continue;
    tokens.push({ t: m[0], at });
  }
  let k = 0;
  const fail = (what: string): never => {
    const at = tokens[k]?.at ?? text.length;
    const line = text.slice(0, at).split('\n').length;
    throw new Error(`${name}:${line}: ${what}`);
  };
  const node = (field: string | null): PatternNode => {
    if (tokens[k]?.t !== '(') fail('expected `(`');
    k++;
    const type = tokens[k]?.t;
    if (!type || !/^[A-Za-z_]\w*$/.test(type)) fail('expected a node type');
    k++;
    const p: PatternNode = { type: type!, field, capture: null, children: [], anchoredBefore: [], anchoredAfter: false };
    let anchor = false;
    for (;;) {
      const t = tokens[k]?.t;
      if (t === undefined) fail('unclosed `(`');
      if (t === ')') {
        k++;
        p.anchoredAfter = anchor;
        break;
      }
      if (t === '.') {
        anchor = true;
        k++;
        continue;
      }
      let f: string | null = null;
      if (t!.endsWith(':')) {
        f = t!.slice(0, -1);
        k++;
      }
      p.children.push(node(f));
      p.anchoredBefore.push(anchor);
      anchor = false;
    }
    if (tokens[k]?.t.startsWith('@')) p.capture = tokens[k++].t.slice(1);
    if (tokens[k]?.t.startsWith('@')) fail('one capture per node');
    return p;
  };
  const out: Pattern[] = [];
  while (k < tokens.length) out.push({ root: node(null), index: out.length });
  return out;
}

/** One match: its captures (name, node index) and the node that completed it (the last in pre-order). */
export interface QueryMatch {
  pattern: number;
  captures: Array<{ name: string; node: number }>;
  last: number;
}

/**
 * The matches of `patterns` in node `at`'s subtree (`at` included), in the order tree-sitter gives
 * them: by the node that completes each (pre-order), then by pattern.
 */
export function runQuery(tree: CompactTree, at: number, patterns: readonly Pattern[]): QueryMatch[] {
  const byType = new Map<string, Pattern[]>();
  for (const p of patterns) {
    const l = byType.get(p.root.type);
    if (l) l.push(p);
    else byType.set(p.root.type, [p]);
  }
  const out: QueryMatch[] = [];
  const end = at + tree.sizeAt(at);
  for (let i = at; i < end; i++) {
    const ps = byType.get(tree.typeAt(i));
    if (!ps) continue;
    for (const p of ps) for (const m of matchNode(tree, p.root, i)) out.push({ pattern: p.index, captures: m.captures, last: m.last });
  }
  // stable: matches completed at one node keep the order of their patterns and of their roots
  return out.sort((a, b) => a.last - b.last || a.pattern - b.pattern);
}

interface Partial {
  captures: Array<{ name: string; node: number }>;
  last: number;
}

/** Every way `p` matches node i (its type and field already checked by the caller or here). */
function matchNode(tree: CompactTree, p: PatternNode, i: number): Partial[] {
  if (tree.typeAt(i) !== p.type) return [];
  if (p.field !== null && tree.fieldAt(i) !== p.field) return [];
  const self: Partial = { captures: p.capture ? [{ name: p.capture, node: i }] : [], last: i };
  if (p.children.length === 0) return [self];
  const kids = tree.childIndices(i);
  const named = kids.filter((j) => tree.tables.named[tree.typeIdAt(j)] === 1);
  const results: Partial[] = [];
  // child pattern c matched at kids[from..]; `prevNamed`: the named index of the previous match
  const step = (c: number, from: number, prevNamed: number, acc: Partial): void => {
    if (c === p.children.length) {
      if (p.anchoredAfter && prevNamed !== named.length - 1) return;
      results.push(acc);
      return;
    }
    const cp = p.children[c];
    for (let k = from; k < kids.length; k++) {
      const j = kids[k];
      const ni = named.indexOf(j);
      if (p.anchoredBefore[c]) {
        // the first named child, or the named child right after the previous match
        if (ni !== prevNamed + 1) {
          if (ni > prevNamed + 1) break;
          continue;
        }
      }
      for (const m of matchNode(tree, cp, j)) step(c + 1, k + 1, ni === -1 ? prevNamed : ni, { captures: [...acc.captures, ...m.captures], last: Math.max(acc.last, m.last) });
    }
  };
  step(0, 0, -1, self);
  return results;
}
