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
 */
import type { Node } from 'web-tree-sitter';
import type { Diagnostic } from '../base/diagnostic';
import type { SourceLocation } from './parsed-file';

export interface SyntaxDiagnosticsInput {
  file: string;
  items: readonly Node[];
  locate(startIndex: number, endIndex: number): SourceLocation;
}

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

export function syntaxDiagnostics(input: SyntaxDiagnosticsInput): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (n: Node): void => {
    if (n.isMissing) {
      out.push(missingDiagnostic(input, n));
      return;
    }
    if (n.isError) {
      out.push(errorDiagnostic(input, n));
      return;
    }
    if (!n.hasError) return;
    for (const c of n.children) if (c) visit(c);
  };
  for (const item of input.items) visit(item);
  return dedupe(out);
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

function missingDiagnostic(input: SyntaxDiagnosticsInput, n: Node): Diagnostic {
  const tok = n.type;
  const at = input.locate(n.startIndex, n.startIndex);
  const openers = CLOSERS[tok];
  if (openers) {
    const opener = findOpener(n, openers);
    if (opener) {
      const loc = input.locate(opener.startIndex, opener.endIndex);
      return {
        file: input.file,
        range: loc.range,
        severity: 'error',
        code: 'syntax-unmatched',
        message: `\`${tokenText(opener)}\` at ${loc.range.start.line + 1}:${loc.range.start.character + 1} has no matching \`${tok}\``,
        related: [{ file: input.file, range: at.range, message: `\`${tok}\` expected here` }],
      };
    }
  }
  const prev = previousLeaf(n);
  const where = prev ? input.locate(prev.endIndex, prev.endIndex) : at;
  return {
    file: input.file,
    range: where.range,
    severity: 'error',
    code: 'syntax-missing',
    message: prev ? `missing \`${tok}\` after \`${clip(wordText(prev))}\`` : `missing \`${tok}\``,
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

function previousLeaf(n: Node): Node | undefined {
  let x: Node | null = n;
  while (x) {
    let s = x.previousSibling;
    while (s && (s.type === 'one_line_comment' || s.type === 'block_comment' || (s.isMissing && s.startIndex === s.endIndex)))
      s = s.previousSibling;
    if (s) {
      while (s.childCount > 0) {
        const last: Node | null = s.child(s.childCount - 1);
        if (!last) break;
        s = last;
      }
      return s;
    }
    x = x.parent;
  }
  return undefined;
}

function nextLeaf(n: Node): Node | undefined {
  let x: Node | null = n;
  while (x) {
    let s = x.nextSibling;
    while (s && (s.type === 'one_line_comment' || s.type === 'block_comment' || s.isMissing)) s = s.nextSibling;
    if (s) {
      while (s.childCount > 0) {
        const first: Node | null = s.child(0);
        if (!first) break;
        s = first;
      }
      return s;
    }
    x = x.parent;
  }
  return undefined;
}

function errorDiagnostic(input: SyntaxDiagnosticsInput, n: Node): Diagnostic {
  const leaves = allLeaves(n);
  const before = previousLeaf(n);
  const after = nextLeaf(n);
  const seq = [...(before ? [before] : []), ...leaves, ...(after ? [after] : [])];
  for (let i = 0; i + 1 < seq.length; i++) {
    const a = seq[i];
    const b = seq[i + 1];
    if (b.startPosition.row > a.endPosition.row && !STATEMENT_END_TOKENS.has(a.type) && startsStatement(b)) {
      const loc = input.locate(a.endIndex, a.endIndex);
      return {
        file: input.file,
        range: loc.range,
        severity: 'error',
        code: 'syntax-missing',
        message: `missing \`;\` after \`${clip(wordText(a))}\``,
      };
    }
  }
  const first = leaves[0];
  if (!first) {
    const loc = input.locate(n.startIndex, n.endIndex);
    return { file: input.file, range: loc.range, severity: 'error', code: 'syntax-error', message: 'syntax error' };
  }
  const loc = input.locate(first.startIndex, first.endIndex);
  return {
    file: input.file,
    range: loc.range,
    severity: 'error',
    code: 'syntax-error',
    message: `unexpected \`${clip(tokenText(first))}\``,
  };
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
