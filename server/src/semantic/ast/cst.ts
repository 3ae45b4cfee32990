/**
 * Small helpers to walk the deep tree-sitter-systemverilog CST without caring about its many
 * single-child wrapper layers (expression > primary > primary_literal > integral_number ...).
 */
import type { Node } from 'web-tree-sitter';

export function namedChildren(n: Node): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (c && !isTriviaType(c.type)) out.push(c);
  return out;
}

/** Comments and attribute instances carry no design meaning. */
export function isTrivia(n: Node): boolean {
  return isTriviaType(n.type);
}

/** `isTrivia` on a type already read (each `Node.type` read is a call into the parser's wasm). */
export function isTriviaType(t: string): boolean {
  return t === 'one_line_comment' || t === 'block_comment' || t === 'attribute_instance';
}

export function childOfType(n: Node, ...types: string[]): Node | undefined {
  for (const c of n.namedChildren) if (c && types.includes(c.type)) return c;
  return undefined;
}

export function childrenOfType(n: Node, ...types: string[]): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (c && types.includes(c.type)) out.push(c);
  return out;
}

/** First descendant (depth first, pre-order, including n) of one of the types. */
export function findFirst(n: Node, types: readonly string[], maxDepth = 12): Node | undefined {
  if (types.includes(n.type)) return n;
  if (maxDepth <= 0) return undefined;
  for (const c of n.namedChildren) {
    if (!c) continue;
    const f = findFirst(c, types, maxDepth - 1);
    if (f) return f;
  }
  return undefined;
}

/** Unnamed (keyword/operator) children's texts, e.g. to see "signed", "else", "+:". */
export function tokens(n: Node): string[] {
  const out: string[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && !c.isNamed) out.push(c.type);
  }
  return out;
}

export function hasToken(n: Node, tok: string): boolean {
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && !c.isNamed && c.type === tok) return true;
  }
  return false;
}

/** Whether any descendant within a few levels has the token (e.g. "signed" inside a data type). */
export function hasTokenDeep(n: Node, tok: string, maxDepth = 4): boolean {
  if (hasToken(n, tok)) return true;
  if (maxDepth <= 0) return false;
  for (const c of n.namedChildren) if (c && hasTokenDeep(c, tok, maxDepth - 1)) return true;
  return false;
}

/** Children with their field names, keeping unnamed ones. */
export function allChildren(n: Node): Array<{ node: Node; field: string | null }> {
  const out: Array<{ node: Node; field: string | null }> = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c) out.push({ node: c, field: n.fieldNameForChild(i) });
  }
  return out;
}

export function identText(n: Node): string {
  const t = n.text;
  return t.startsWith('\\') ? t.slice(1).trimEnd() : t;
}
