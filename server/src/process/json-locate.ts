/**
 * Where a value sits in a JSON text, so every problem in a process file points at the offending
 * value (or key) rather than at the file. Thin layer over jsonc-parser's syntax tree.
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser/lib/esm/main';
import { LineIndex, type Range } from '../base/text';

export type JsonPath = Array<string | number>;

export interface LocatedText {
  text: string;
  lines: LineIndex;
  root: Node | undefined;
}

/** JSON pointer ("/a/0/b", as ajv reports) to path segments; array indices become numbers. */
export function pointerToPath(pointer: string, root: Node | undefined): JsonPath {
  if (pointer === '') return [];
  const out: JsonPath = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key: string | number = node?.type === 'array' && /^\d+$/.test(seg) ? Number(seg) : seg;
    out.push(key);
    node = node ? findNodeAtLocation(node, [key]) : undefined;
  }
  return out;
}

export function pathToString(path: JsonPath): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The node at `path`, or the deepest existing ancestor, and whether it was found exactly. */
export function nodeAt(root: Node | undefined, path: JsonPath): { node: Node | undefined; exact: boolean } {
  if (!root) return { node: undefined, exact: false };
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? root : findNodeAtLocation(root, path.slice(0, n));
    if (node) return { node, exact: n === path.length };
  }
  return { node: root, exact: false };
}

/** Key node of the property whose value is `node` (for "unknown field" and "missing field"). */
export function keyNodeOf(node: Node): Node | undefined {
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[1] === node) return parent.children[0];
  return undefined;
}

/** The property node `key` directly inside object `obj`. */
export function rangeOfNode(t: LocatedText, node: Node | undefined): Range {
  if (!node) return t.lines.rangeOf(0, 0);
  // A whole object or array would underline half the file: mark its opening bracket.
  const len = node.type === 'object' || node.type === 'array' ? 1 : node.length;
  return t.lines.rangeOf(node.offset, node.offset + len);
}
