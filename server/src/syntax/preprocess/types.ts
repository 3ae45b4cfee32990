/**
 * The preprocessor's contract. `preprocess()` (index.ts) turns one file's text into the text that
 * tree-sitter parses, plus a map back to the original. Pure: file access goes through `readFile`.
 *
 * Expanded text keeps line structure wherever it can: directive lines and inactive branches become
 * spaces (newlines kept), so most offsets map 1:1. Macro uses and `include`d content are
 * "expansion" segments that map back to the use or the directive.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { Range } from '../../base/text';

export interface MacroDef {
  name: string;
  /** Formal parameter names for function-like macros (with defaults), undefined for object-like. */
  params?: Array<{ name: string; default?: string }>;
  body: string;
  /** Where it was defined; undefined for command-line / configuration defines. */
  file?: string;
  range?: Range;
}

export interface PreprocessOptions {
  /** Absolute path of the file being preprocessed (for relative includes and diagnostics). */
  fileName: string;
  /** Macros defined before this file (configuration, `-D`, or earlier files of a compilation unit). */
  defines?: ReadonlyMap<string, MacroDef>;
  /** Include search folders, absolute. The including file's own folder is always searched first. */
  includeDirs?: readonly string[];
  /** Reads a file; undefined if it does not exist. */
  readFile: (absPath: string) => string | undefined;
  /** Limits (defaults: 64 nested includes, 256 nested macro expansions). */
  maxIncludeDepth?: number;
  maxExpansionDepth?: number;
}

/** One piece of the expanded text and where it came from in the original file. */
export interface Segment {
  outStart: number;
  outEnd: number;
  srcStart: number;
  srcEnd: number;
  /** 'verbatim': same length, 1:1. 'expansion': macro use or include, maps to the whole use. */
  kind: 'verbatim' | 'expansion';
}

export interface MacroUse {
  name: string;
  range: Range;
  /** Undefined if the macro was not defined at the use. */
  def?: MacroDef;
}

export interface IncludeRef {
  /** As written between the quotes. */
  spec: string;
  range: Range;
  /** Absolute resolved path, undefined if not found. */
  resolved?: string;
}

export interface PreprocessResult {
  /** The text to parse. */
  text: string;
  /** Sorted by outStart, covering [0, text.length) without gaps. */
  segments: Segment[];
  /** Original-file ranges of inactive `ifdef branches (without the directive lines). */
  inactiveRanges: Range[];
  /** Macro definitions made in this file, in order. */
  definitions: MacroDef[];
  macroUses: MacroUse[];
  includes: IncludeRef[];
  /** Diagnostics in the original file's coordinates (file = options.fileName). */
  diagnostics: Diagnostic[];
  /** All macros defined when the file ends (to pass on to the next file of a compilation unit). */
  definesAtEnd: Map<string, MacroDef>;
}
