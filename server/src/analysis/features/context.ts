/**
 * What every language feature works on: the analysis host (open documents and the semantic model)
 * and a way to read any file's current text (the open document's, else the file on disk), which
 * the features need to check that an edit replaces the text it means to.
 */
import { LineIndex, type Position, type Range } from '../../base/text';
import type { AnalysisHost } from '../host';

export interface FeatureContext {
  readonly host: AnalysisHost;
  /** The text the user sees for `file`, or undefined if it cannot be read. */
  readText(file: string): string | undefined;
}

/** A place in a file (the core's Location: absolute path and range). */
export interface FileRange {
  file: string;
  range: Range;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** Edits per file. */
export type WorkspaceEdit = Map<string, TextEdit[]>;

const indexCache = new Map<string, { text: string; index: LineIndex }>();

/** The LineIndex of a file's current text (the open document's own, else one cached per text). */
export function lineIndexOf(ctx: FeatureContext, file: string): LineIndex | undefined {
  const doc = ctx.host.get(file);
  if (doc) return doc.sourceIndex;
  const text = ctx.readText(file);
  if (text === undefined) return undefined;
  const hit = indexCache.get(file);
  if (hit && hit.text === text) return hit.index;
  const index = new LineIndex(text);
  if (indexCache.size > 64) indexCache.delete(indexCache.keys().next().value!);
  indexCache.set(file, { text, index });
  return index;
}

/** The text of a range of a file (undefined if the file cannot be read). */
export function textAt(ctx: FeatureContext, file: string, range: Range): string | undefined {
  const li = lineIndexOf(ctx, file);
  if (!li) return undefined;
  return li.text.slice(li.offsetAt(range.start), li.offsetAt(range.end));
}

/** Whether a position lies inside the text of the file (LSP clients may send anything). */
export function validPosition(ctx: FeatureContext, file: string, pos: Position): boolean {
  if (!Number.isInteger(pos?.line) || !Number.isInteger(pos?.character) || pos.line < 0 || pos.character < 0) return false;
  const li = lineIndexOf(ctx, file);
  return !!li && pos.line < li.lineCount;
}
