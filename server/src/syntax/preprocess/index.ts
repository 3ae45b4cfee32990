/**
 * PLACEHOLDER (identity): replaced by the real preprocessor. Keeps the contract in types.ts.
 */
import { LineIndex } from '../../base/text';
import type { PreprocessOptions, PreprocessResult } from './types';
export * from './types';

export function preprocess(text: string, options: PreprocessOptions): PreprocessResult {
  void new LineIndex(text);
  return {
    text,
    segments: [{ outStart: 0, outEnd: text.length, srcStart: 0, srcEnd: text.length, kind: 'verbatim' }],
    inactiveRanges: [],
    definitions: [],
    macroUses: [],
    includes: [],
    diagnostics: [],
    definesAtEnd: new Map(options.defines ?? []),
  };
}
