/**
 * Syntax diagnostics from tree-sitter's ERROR and MISSING nodes.
 *
 * Rules, so that a user sees one precise message per mistake and never a flood:
 * - An ERROR node is reported once, at its first token, and its inside is not searched further.
 * - A MISSING closing keyword (`end`, `endmodule`, `)` ...) is reported at the opening keyword it
 *   should close ("`begin` at 12:5 has no matching `end`"), with the place it was expected as related
 *   information; other MISSING tokens as "missing `;`" at the end of the previous token.
 * - An ERROR whose tokens run across a line end where a statement plainly stopped (an identifier,
 *   literal or closing bracket followed by a new statement on the next line) is reported as a
 *   missing `;` at the end of that line, which is what the user forgot in nearly every case.
 * - One mistake, one error: when a design unit has several errors and the first is a missing token,
 *   the unit's text is parsed again with that token put in (`reparse`). If it then parses, the later
 *   errors were the parser's recovery from the first (the "unexpected `<=`" on every later line) and
 *   only the first is reported.
 */
import type { LightNode as Node } from './light-tree';
import type { Diagnostic, RelatedLocation, Severity } from '../base/diagnostic';
import type { Range } from '../base/text';
import type { SourceLocation } from './parsed-file';

export interface SyntaxDiagnosticsInput {
  file: string;
  items: readonly Node[];
  locate(startIndex: number, endIndex: number): SourceLocation;
  /** Whether a text parses without errors (a design unit with a repair applied); absent: no cascade check. */
  reparse?(text: string): boolean;
}

/** A missing token and where it goes (parsed-text offset): the repair that tests for a cascade. */
interface Repair {
  offset: number;
  token: string;
}

/** Longest design unit re-parsed to test a repair (larger units keep every error). */
const MAX_REPAIR_CHARS = 200_000;

const CLOSERS: Record<string, string[]> = {
  end: ['begin', 'fork'],
  endmodule: ['module', 'macromodule'],
  endcase: ['case', 'casez', 'casex'],
  endfunction: ['function'],
  endtask: ['task'],
  endgenerate: ['generate'],
  join: ['fork'],
  ')': ['('],
  ']': ['['],
  '}': ['{'],
};

const STATEMENT_END_TOKENS = new Set([';', 'begin', 'end', ',', '(', '{', '[', 'else', 'endmodule', 'endcase', 'endgenerate', 'endfunction', 'endtask', ':', 'generate', 'default', '?', '=', '<=', '@', '#']);

/**
 * Node types that bound an error region: a mistake inside one of them is one diagnostic, however many
 * ERROR nodes tree-sitter's recovery scattered through it (a missing `;` can turn the next line into
 * a call's arguments, with an ERROR per stray token).
 */
const REGION_TYPES = new Set([
  'statement',
  'statement_or_null',
  'function_statement_or_null',
  'continuous_assign',
  'net_declaration',
  'data_declaration',
  'local_parameter_declaration',
  'parameter_declaration',
  'module_instantiation',
  'port_declaration',
  'ansi_port_declaration',
  'genvar_declaration',
]);

/**
 * The error nodes of the items, one per error region, with the region that bounds each (the nearest
 * enclosing node of a REGION_TYPES type). One walk down with an explicit stack that carries the
 * region, into nodes with an error only.
 */
function errorNodes(items: readonly Node[]): Array<{ node: Node; region: Node | undefined }> {
  const out: Array<{ node: Node; region: Node | undefined }> = [];
  const taken = new Set<Node>();
  const stack: Array<{ n: Node; region: Node | undefined }> = [];
  for (let i = items.length - 1; i >= 0; i--) stack.push({ n: items[i], region: undefined });
  while (stack.length) {
    const { n, region } = stack.pop()!;
    if (n.isMissing || n.isError) {
      if (region && taken.has(region)) continue;
      if (region) taken.add(region);
      out.push({ node: n, region });
      continue;
    }
    if (!n.hasError) continue;
    const inner = REGION_TYPES.has(n.type) ? n : region;
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) {
      const c = children[i];
      if (c) stack.push({ n: c, region: inner });
    }
  }
  return out;
}

/** At most this many syntax diagnostics per file, then one that counts the rest (garbage input gives thousands). */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

export function syntaxDiagnostics(input: SyntaxDiagnosticsInput): Diagnostic[] {
  const nodes = errorNodes(input.items);
  siblingCache.clear();
  try {
    if (nodes.length > MAX_SYNTAX_DIAGNOSTICS) {
      // garbage: the first ones, then one that counts the rest (no repair reparses)
      const out = nodes.slice(0, MAX_SYNTAX_DIAGNOSTICS).map(({ node }) => (node.isMissing ? missingDiagnostic(input, node) : errorDiagnostic(input, node)).diagnostic);
      const at = nodes[MAX_SYNTAX_DIAGNOSTICS].node;
      const rest = nodes.length - MAX_SYNTAX_DIAGNOSTICS;
      out.push(diagnostic(input, input.locate(at.startIndex, at.startIndex).range, 'syntax-error', `${rest} more syntax errors from here on are not shown (the first ${MAX_SYNTAX_DIAGNOSTICS} are)`));
      return dedupe(out);
    }
    const found = nodes.map(({ node }) => ({ ...(node.isMissing ? missingDiagnostic(input, node) : errorDiagnostic(input, node)), node }));
    if (!input.reparse || found.length < 2) return dedupe(found.map((f) => f.diagnostic));
    const inItem = (f: { node: Node }, i: Node) => f.node.startIndex >= i.startIndex && f.node.startIndex < Math.max(i.endIndex, i.startIndex + 1);
    const out: Diagnostic[] = [];
    for (const item of input.items) {
      const mine = found.filter((f) => inItem(f, item));
      if (mine.length > 1 && cascadeOf(input, item, mine[0].repair)) out.push(mine[0].diagnostic);
      else out.push(...mine.map((f) => f.diagnostic));
    }
    // errors outside every item (none in practice) are kept
    for (const f of found) if (!input.items.some((i) => inItem(f, i))) out.push(f.diagnostic);
    return dedupe(out);
  } finally {
    siblingCache.clear();
  }
}

/** True when the item's text parses once the repair is applied: its later errors follow from the first. */
function cascadeOf(input: SyntaxDiagnosticsInput, item: Node, repair: Repair | undefined): boolean {
  if (!repair || !input.reparse || item.endIndex - item.startIndex > MAX_REPAIR_CHARS) return false;
  if (repair.offset < item.startIndex || repair.offset > item.endIndex) return false;
  const text = item.text;
  const at = repair.offset - item.startIndex;
  return input.reparse(`${text.slice(0, at)}${repair.token}${text.slice(at)}`);
}

/**
 * The source ranges that syntax errors make unreliable (each error's region, or the error itself):
 * later stages' diagnostics inside them are noise from the broken text and are dropped.
 */
export function syntaxErrorRegions(input: SyntaxDiagnosticsInput): SourceLocation[] {
  return errorNodes(input.items).map(({ node, region }) => {
    const n = region ?? node;
    return input.locate(n.startIndex, n.endIndex);
  });
}

function diagnostic(input: SyntaxDiagnosticsInput, range: Range, code: string, message: string, related?: RelatedLocation[], severity: Severity = 'error'): Diagnostic {
  return { file: input.file, range, severity, code, message, ...(related ? { related } : {}) };
}

function tokenText(n: Node): string {
  return n.type === n.text || !n.isNamed ? n.type : n.text;
}

/** The whole lexical word a leaf belongs to (`1'b1` rather than its last digit). */
function wordText(leaf: Node): string {
  let best = leaf;
  for (let p = leaf.parent; p && p.endIndex === leaf.endIndex && !/\s/.test(p.text); p = p.parent) best = p;
  return best === leaf ? tokenText(leaf) : best.text;
}

/**
 * A missing name between a `,` and the `)` that closes a port or argument list: the parser's
 * reading of a trailing comma. The missing node is alone in its item, and the item is followed by
 * the `)`.
 */
function isTrailingComma(n: Node, prev: Node): boolean {
  if (prev.type !== ',' || !/identifier$/.test(n.type)) return false;
  let item: Node = n;
  while (item.parent && item.parent.startIndex === n.startIndex && item.parent.endIndex === n.endIndex && item.parent.type !== 'ERROR') item = item.parent;
  return item.nextSibling?.type === ')';
}

function missingDiagnostic(input: SyntaxDiagnosticsInput, n: Node): { diagnostic: Diagnostic; repair?: Repair } {
  const tok = n.type;
  const at = input.locate(n.startIndex, n.startIndex);
  const openers = CLOSERS[tok];
  if (openers) {
    const opener = findOpener(n, openers);
    if (opener) {
      const { range } = input.locate(opener.startIndex, opener.endIndex);
      const message = `\`${tokenText(opener)}\` at ${range.start.line + 1}:${range.start.character + 1} has no matching \`${tok}\``;
      return { diagnostic: diagnostic(input, range, 'syntax-unmatched', message, [{ file: input.file, range: at.range, message: `\`${tok}\` expected here` }]), repair: { offset: n.startIndex, token: ` ${tok} ` } };
    }
  }
  const prev = previousLeaf(n);
  const where = prev ? input.locate(prev.endIndex, prev.endIndex) : at;
  if (prev && isTrailingComma(n, prev)) {
    // `module m(a, b,)`: not IEEE Verilog, but Yosys and Verilator accept it. One warning, at the comma.
    const comma = input.locate(prev.startIndex, prev.endIndex);
    return { diagnostic: diagnostic(input, comma.range, 'syntax-nonstandard', 'a trailing `,` before `)` in a port list is not standard Verilog (Yosys and Verilator accept it)', undefined, 'warning') };
  }
  return {
    diagnostic: diagnostic(input, where.range, 'syntax-missing', prev ? `missing \`${tok}\` after \`${clip(wordText(prev))}\`` : `missing \`${tok}\``),
    repair: { offset: prev ? prev.endIndex : n.startIndex, token: tok },
  };
}

/** The unmatched opening token for a MISSING closer: the nearest earlier sibling-or-ancestor token. */
function findOpener(missing: Node, openers: string[]): Node | undefined {
  for (let p = missing.parent; p; p = p.parent) {
    const leaves = leavesOf(p, 3);
    for (const l of leaves) if (openers.includes(l.type)) return l;
  }
  return undefined;
}

/** The first few leaves of a node, depth-first. */
function leavesOf(n: Node, max: number): Node[] {
  const out: Node[] = [];
  const walk = (x: Node): void => {
    if (out.length >= max) return;
    if (x.childCount === 0) {
      out.push(x);
      return;
    }
    for (const c of x.children) if (c) walk(c);
  };
  walk(n);
  return out;
}

function allLeaves(n: Node, max = 2000): Node[] {
  const out: Node[] = [];
  const walk = (x: Node): void => {
    if (out.length >= max) return;
    if (x.childCount === 0) {
      if (!x.isMissing && x.type !== 'one_line_comment' && x.type !== 'block_comment') out.push(x);
      return;
    }
    if (x.type === 'one_line_comment' || x.type === 'block_comment') return;
    for (const c of x.children) if (c) walk(c);
  };
  walk(n);
  return out;
}

/** The token before a node, comments and empty MISSING tokens skipped. */
const previousLeaf = (n: Node) => adjacentLeaf(n, false);

/** The token after a node, comments and MISSING tokens skipped. */
const nextLeaf = (n: Node) => adjacentLeaf(n, true);

/**
 * A node's siblings and its index among them, cached per parent for one `syntaxDiagnostics` call:
 * a sibling found by searching the parent's children made a loop over siblings of a node with
 * thousands of children (random bytes at top level) quadratic.
 */
const siblingCache = new Map<Node, { children: readonly Node[]; index: Map<Node, number> }>();
function siblingOf(x: Node, forward: boolean): Node | null {
  const parent = x.parent;
  if (!parent) return null;
  let entry = siblingCache.get(parent);
  if (!entry) {
    const children = parent.children;
    entry = { children, index: new Map(children.map((c, i) => [c, i])) };
    siblingCache.set(parent, entry);
  }
  const i = entry.index.get(x);
  if (i === undefined) return forward ? x.nextSibling : x.previousSibling;
  return entry.children[forward ? i + 1 : i - 1] ?? null;
}

function adjacentLeaf(n: Node, forward: boolean): Node | undefined {
  const sibling = (x: Node) => siblingOf(x, forward);
  const skipped = (s: Node) => s.type === 'one_line_comment' || s.type === 'block_comment' || (s.isMissing && (forward || s.startIndex === s.endIndex));
  let x: Node | null = n;
  while (x) {
    let s = sibling(x);
    while (s && skipped(s)) s = sibling(s);
    if (s) {
      while (s.childCount > 0) {
        const inner: Node | null = s.child(forward ? 0 : s.childCount - 1);
        if (!inner) break;
        s = inner;
      }
      return s;
    }
    x = x.parent;
  }
  return undefined;
}

/**
 * Constructs outside the standard that Yosys accepts and real designs use (picorv32's formal
 * checkers): a warning that says so, not a syntax error. Verilator and Icarus reject both.
 */
function nonStandard(input: SyntaxDiagnosticsInput, n: Node, leaves: Node[]): Diagnostic | undefined {
  const first = leaves[0];
  const after = nextLeaf(n);
  const warn = (at: Node, message: string) => diagnostic(input, input.locate(at.startIndex, at.endIndex).range, 'syntax-nonstandard', message, undefined, 'warning');
  if (first?.text === 'restrict' && (leaves[1]?.type === '(' || after?.type === '('))
    return warn(first, 'immediate `restrict(...)` is a Yosys extension (standard SystemVerilog has `restrict property`); it is ignored');
  if (leaves.length === 1 && first?.type === ',' && after?.type === ')')
    return warn(first, 'a trailing `,` before `)` is not standard Verilog (Yosys accepts it; Verilator and Icarus do not)');
  return undefined;
}

/**
 * Valid code that tree-sitter-systemverilog cannot parse, recognised by the shape of its error: one
 * located warning instead of an error. A parenthesized operand whose inside has a member select
 * with two selects (`(a.b[i] >> c.d[j][3:0]) + e`) is read as the type of a cast and fails.
 */
function parserLimitation(input: SyntaxDiagnosticsInput, n: Node): Diagnostic | undefined {
  const first = n.firstChild;
  if (first?.type === 'casting_type' && first.firstChild?.type === '(' && previousLeaf(n)?.type.endsWith('=')) {
    const at = input.locate(n.startIndex, n.startIndex + 1);
    return diagnostic(input, at.range, 'syntax-unsupported', 'not supported by the parser: this parenthesized expression is read as a cast (valid SystemVerilog; the statement is skipped)', undefined, 'warning');
  }
  return undefined;
}

function errorDiagnostic(input: SyntaxDiagnosticsInput, n: Node): { diagnostic: Diagnostic; repair?: Repair } {
  const leaves = allLeaves(n);
  const special = nonStandard(input, n, leaves) ?? parserLimitation(input, n);
  if (special) return { diagnostic: special };
  const before = previousLeaf(n);
  const after = nextLeaf(n);
  const seq = [...(before ? [before] : []), ...leaves, ...(after ? [after] : [])];
  for (let i = 0; i + 1 < seq.length; i++) {
    const a = seq[i];
    const b = seq[i + 1];
    if (b.startPosition.row > a.endPosition.row && !STATEMENT_END_TOKENS.has(a.type) && startsStatement(b))
      return {
        diagnostic: diagnostic(input, input.locate(a.endIndex, a.endIndex).range, 'syntax-missing', `missing \`;\` after \`${clip(wordText(a))}\``),
        repair: { offset: a.endIndex, token: ';' },
      };
  }
  const first = leaves[0];
  if (!first) return { diagnostic: diagnostic(input, input.locate(n.startIndex, n.endIndex).range, 'syntax-error', 'syntax error') };
  return { diagnostic: diagnostic(input, input.locate(first.startIndex, first.endIndex).range, 'syntax-error', `unexpected \`${clip(tokenText(first))}\``) };
}

const STATEMENT_STARTS = new Set([
  'always', 'always_ff', 'always_comb', 'always_latch', 'assign', 'wire', 'reg', 'logic', 'integer', 'input', 'output', 'inout',
  'end', 'endmodule', 'if', 'case', 'casez', 'casex', 'for', 'begin', 'localparam', 'parameter', 'initial', 'genvar', 'generate',
  'endcase', 'else', 'function', 'task', 'module',
]);

function startsStatement(b: Node): boolean {
  if (STATEMENT_STARTS.has(b.type)) return true;
  // An identifier at the start of a line is the start of an assignment or an instantiation.
  return b.type === 'simple_identifier' || b.type === 'escaped_identifier';
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 24 ? `${one.slice(0, 21)}...` : one;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.range.start.line}:${d.range.start.character}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
