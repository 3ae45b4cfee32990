/**
 * What the syntax stage hands to later stages: one file's tree over its preprocessed text, as
 * columns and light nodes (`light-tree.ts`), and the way back from tree offsets to the user's file.
 * Later stages never look at raw text positions directly, nor at a tree-sitter runtime's objects.
 */
import type { Range } from '../base/text';
import type { CompactTree, LightNode } from './light-tree';

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
  /** The current tree, as columns. Never keep it across versions. */
  readonly tree: CompactTree;
  /** Document version this tree belongs to (increases on every edit). */
  readonly version: number;
  /** Location in the user's file of a span of the parsed text. */
  locate(startIndex: number, endIndex: number): SourceLocation;
  /** Shorthand for locate(node.startIndex, node.endIndex). */
  locateNode(node: { startIndex: number; endIndex: number }): SourceLocation;
  /**
   * The file's top-level items. Use this, not the tree's root's children: after a syntax error some
   * items come from per-design-unit trees (see module-recovery.ts). Each item's `parent` is the root
   * of its tree, and its children are read from the columns as they are asked for.
   */
  topLevelItems(): LightNode[];
}
