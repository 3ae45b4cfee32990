/** Shared set-up of the semantic tests: the grammar, and opening files as SyntaxDocuments. */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { readGrammarBytes } from '../src/node/assets';
import { SyntaxDocument } from '../src/syntax/document';
import type { ParserBackend } from '../src/syntax/backend';
import { loadWasmBackend } from '../src/syntax/wasm-backend';

let lang: Promise<ParserBackend> | undefined;
export function language(): Promise<ParserBackend> {
  lang ??= loadWasmBackend(readGrammarBytes());
  return lang;
}

export async function openText(file: string, text: string, includeDirs: string[] = []): Promise<SyntaxDocument> {
  const l = await language();
  return SyntaxDocument.open(l, file, text, {
    includeDirs,
    readFile: (p) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined),
  });
}

export async function openFile(file: string, includeDirs: string[] = []): Promise<SyntaxDocument> {
  const abs = path.resolve(file);
  return openText(abs, readFileSync(abs, 'utf8'), [path.dirname(abs), ...includeDirs]);
}

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test-fixtures', 'semantic');
export const DESIGNS = path.resolve(ROOT, '..', 'shared', 'designs');
