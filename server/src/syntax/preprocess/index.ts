/**
 * The Verilog/SystemVerilog preprocessor: `define/`undef/`undefineall, conditionals, `include,
 * macro expansion, and blanking of the other compiler directives. Contract in `types.ts`.
 *
 * Files:
 *   lexer.ts          comments, strings, identifiers, blanking, flattening to one line
 *   directives.ts     the directives that are only blanked, and their argument checks
 *   conditionals.ts   the `ifdef stack and condition expressions
 *   macros.ts         `define parsing, argument lists, parameter substitution, `` and `"
 *   expand.ts         recursive expansion (bounded)
 *   include.ts        `include resolution (string paths, cached reads)
 *   segments.ts       output text + segments (and why line numbers never change)
 *   file-processor.ts the single pass over one file; the decisions are listed at its top
 *
 * Runs on every keystroke: one linear pass, and a text without a backtick (or a bare generate
 * block, see generate-block.ts) is returned as is.
 * `MacroDef.range` is the range of the macro's name in its `define.
 */
import { CODES } from '../../base/codes';
import { FileProcessor, MAX_INCLUDED_CHARS, MAX_INCLUDES } from './file-processor';
import { IncludeResolver } from './include';
import type { MacroDef, PreprocessOptions, PreprocessResult } from './types';
import { MAX_INCLUDE_DEPTH } from '../../base/limits';
export * from './types';

export function preprocess(text: string, options: PreprocessOptions): PreprocessResult {
  const macros = new Map<string, MacroDef>(options.defines ?? []);
  // Without a backtick there is nothing to do, unless a bare generate block needs blanking.
  if (text.indexOf('`') < 0 && !/\bgenerate\s+begin\b/.test(text)) return identity(text, macros);
  try {
    const r = new FileProcessor(
      {
        macros,
        resolver: new IncludeResolver(options.readFile, options.includeDirs ?? []),
        maxIncludeDepth: options.maxIncludeDepth ?? MAX_INCLUDE_DEPTH,
        maxExpansionDepth: options.maxExpansionDepth ?? 256,
        includeBudget: { count: MAX_INCLUDES, chars: MAX_INCLUDED_CHARS },
      },
      text,
      options.fileName,
      0,
    ).run();
    return { ...r, definesAtEnd: macros };
  } catch (err) {
    // Never throw at the language server: a bug here degrades to "no preprocessing" plus a report.
    const result = identity(text, new Map<string, MacroDef>(options.defines ?? []));
    result.diagnostics.push({
      file: options.fileName,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: CODES['pp-bad-directive'].severity,
      code: 'pp-bad-directive',
      message: `internal preprocessor error: ${err instanceof Error ? err.message : String(err)}`,
    });
    return result;
  }
}

function identity(text: string, macros: Map<string, MacroDef>): PreprocessResult {
  return {
    text,
    segments: [{ outStart: 0, outEnd: text.length, srcStart: 0, srcEnd: text.length, kind: 'verbatim' }],
    inactiveRanges: [],
    definitions: [],
    macroUses: [],
    includes: [],
    diagnostics: [],
    definesAtEnd: macros,
  };
}
