/**
 * What the syntax stage hands to later stages: one file's tree over its preprocessed text, and the way
 * back from tree offsets to the user's file. Later stages never look at raw text positions directly.
 */
import type { Tree, Node } from 'web-tree-sitter';
import type { Range } from '../base/text';

export interface SourceLocation {
  /** Absolute path of the user's file. */
  file: string;
  range: Range;
}

export interface ParsedFile {
  /** Absolute path. */
  readonly file: string;
  /** The user's text (before preprocessing). */
  readonly sourceText: string;
  /** The text tree-sitter parsed (after preprocessing). */
  readonly parsedText: string;
  /** The current tree. Owned by the syntax stage: never delete() it, never keep it across versions. */
  readonly tree: Tree;
  /** Document version this tree belongs to (increases on every edit). */
  readonly version: number;
  /** Location in the user's file of a span of the parsed text. */
  locate(startIndex: number, endIndex: number): SourceLocation;
  /** Shorthand for locate(node.startIndex, node.endIndex). */
  locateNode(node: Node): SourceLocation;
  /**
   * The file's top-level items. Use this, not tree.rootNode.children: after a syntax error some
   * items come from per-design-unit trees (see module-recovery.ts).
   */
  topLevelItems(): Node[];
}
