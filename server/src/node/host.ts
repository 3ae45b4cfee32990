/** Builds an AnalysisHost for Node shells (CLI, LSP server, tests): grammar, queries and file reading. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisHost, type HostIO } from '../analysis/host';
import { loadVerilogLanguage, type VerilogLanguage } from '../syntax/parser';
import { queriesDir, readGrammarBytes } from './assets';

let language: Promise<VerilogLanguage> | undefined;

/** The grammar, loaded once per process. */
export function nodeLanguage(): Promise<VerilogLanguage> {
  language ??= loadVerilogLanguage(readGrammarBytes());
  return language;
}

export function readQueryTexts() {
  const dir = queriesDir();
  return {
    symbols: readFileSync(path.join(dir, 'symbols.scm'), 'utf8'),
    folds: readFileSync(path.join(dir, 'folds.scm'), 'utf8'),
  };
}

export const nodeIO: HostIO = {
  readFile(p: string) {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
};

export async function createNodeHost(io: HostIO = nodeIO): Promise<AnalysisHost> {
  return new AnalysisHost(await nodeLanguage(), readQueryTexts(), io);
}
