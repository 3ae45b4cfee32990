/**
 * Small helpers to walk the deep tree-sitter-systemverilog CST without caring about its many
 * single-child wrapper layers (expression > primary > primary_literal > integral_number ...).
 * They read the light copy of the tree (syntax/light-tree.ts): every read is a property access.
 */
import type { LightNode } from '../../syntax/light-tree';

/** Named children other than comments and attributes (the node's own array when it has none of those). */
export function namedChildren(n: LightNode): readonly LightNode[] {
  const all = n.namedChildren;
  for (let i = 0; i < all.length; i++) if (isTriviaType(all[i].type)) return all.filter((c) => !isTriviaType(c.type));
  return all;
}

/** Comments and attribute instances carry no design meaning. */
export function isTrivia(n: LightNode): boolean {
  return isTriviaType(n.type);
}

export function isTriviaType(t: string): boolean {
  return t === 'one_line_comment' || t === 'block_comment' || t === 'attribute_instance';
}

/** The first named child of one of the types (up to three: no rest array on this hot path). */
export function childOfType(n: LightNode, a: string, b?: string, c?: string): LightNode | undefined {
  const cs = n.namedChildren;
  for (let i = 0; i < cs.length; i++) {
    const t = cs[i].type;
    if (t === a || t === b || t === c) return cs[i];
  }
  return undefined;
}

export function childrenOfType(n: LightNode, a: string, b?: string, c?: string): LightNode[] {
  const out: LightNode[] = [];
  const cs = n.namedChildren;
  for (let i = 0; i < cs.length; i++) {
    const t = cs[i].type;
    if (t === a || t === b || t === c) out.push(cs[i]);
  }
  return out;
}

/** First descendant (depth first, pre-order, including n) of one of the types. */
export function findFirst(n: LightNode, types: readonly string[], maxDepth = 12): LightNode | undefined {
  if (types.includes(n.type)) return n;
  if (maxDepth <= 0) return undefined;
  for (const c of n.namedChildren) {
    const f = findFirst(c, types, maxDepth - 1);
    if (f) return f;
  }
  return undefined;
}

export function hasToken(n: LightNode, tok: string): boolean {
  const cs = n.children;
  for (let i = 0; i < cs.length; i++) if (!cs[i].isNamed && cs[i].type === tok) return true;
  return false;
}

/** Whether any descendant within a few levels has the token (e.g. "signed" inside a data type). */
export function hasTokenDeep(n: LightNode, tok: string, maxDepth = 4): boolean {
  if (hasToken(n, tok)) return true;
  if (maxDepth <= 0) return false;
  for (const c of n.namedChildren) if (hasTokenDeep(c, tok, maxDepth - 1)) return true;
  return false;
}

export function identText(n: LightNode): string {
  const t = n.text;
  return t.startsWith('\\') ? t.slice(1).trimEnd() : t;
}
