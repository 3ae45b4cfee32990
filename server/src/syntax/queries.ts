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
  symbols: Query;
  folds: Query;
}

export function compileQueries(lang: VerilogLanguage, texts: QueryTexts): SyntaxQueries {
  return { symbols: new Query(lang.language, texts.symbols), folds: new Query(lang.language, texts.folds) };
}
