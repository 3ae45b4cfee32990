/**
 * Our tree-sitter queries (grammars/queries/*.scm), compiled once per process. The texts come from
 * the shell (they are files), the compiled queries live as long as the language.
 */
import { Query } from 'web-tree-sitter';
import type { VerilogLanguage } from './parser';

export interface QueryTexts {
  symbols: string;
  folds: string;
}

export interface SyntaxQueries {
  /**
   * The symbols and the folds query compiled as one: running a query costs a walk over every node
   * of a tree (a million on a 50k-line file), so the outline and the folding ranges share one walk
   * (see outline-items.ts).
   */
  outline: Query;
  /** Patterns from this index on are the folds query's, those before it the symbols query's. */
  firstFoldPattern: number;
}

export function compileQueries(lang: VerilogLanguage, texts: QueryTexts): SyntaxQueries {
  const outline = new Query(lang.language, `${texts.symbols}\n${texts.folds}`);
  // pattern offsets are in UTF-8 bytes of the query's source
  const foldsFrom = new TextEncoder().encode(`${texts.symbols}\n`).length;
  let firstFoldPattern = outline.patternCount();
  for (let i = 0; i < outline.patternCount(); i++)
    if (outline.startIndexForPattern(i) >= foldsFrom) {
      firstFoldPattern = i;
      break;
    }
  return { outline, firstFoldPattern };
}

export function deleteQueries(q: SyntaxQueries): void {
  q.outline.delete();
}
