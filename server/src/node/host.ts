/** Builds an AnalysisHost for Node shells (CLI, LSP server, tests): grammar, queries and file reading. */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import * as path from 'node:path';
import { AnalysisHost, type HostIO } from '../analysis/host';
import { loadVerilogLanguage, type VerilogLanguage } from '../syntax/parser';
import { queriesDir, readGrammarBytes } from './assets';
import { BoundedReader } from './read-file';

let language: Promise<VerilogLanguage> | undefined;

const WARM_UP = 'module w #(parameter N = 2) (input wire [N-1:0] a, output reg y);\n  always @(*) begin if (a[0]) y = |a; else y = 1\'b0; end\nendmodule\n';

/**
 * The grammar, loaded once per process, compiled and warmed up.
 *
 * V8 runs wasm first through its baseline compiler (Liftoff), compiling each function when it is
 * first called, and tiers hot functions up to the optimising compiler in the background. Earlier
 * versions turned Liftoff off (`--no-liftoff`) so that the first parses of a big file would not be
 * slow; measured again (issue 15), the optimising compile of the 23 MB grammar cost about a second
 * of CPU at every start, while with Liftoff the first parse of a 6k-line file took no longer than
 * that compile, and from the third parse on both were equally fast. A short-lived `check` of a small
 * file pays start-up only, so Liftoff it is. PPA_LENS_LIFTOFF=0 turns it off again.
 */
export function nodeLanguage(): Promise<VerilogLanguage> {
  if (!language) {
    if (process.env.PPA_LENS_LIFTOFF === '0') setFlagsFromString('--no-liftoff');
    language = loadVerilogLanguage(readGrammarBytes()).then((lang) => {
      const p = lang.newParser();
      p.parse(WARM_UP)?.delete();
      p.delete();
      return lang;
    });
  }
  return language;
}

export function readQueryTexts() {
  const dir = queriesDir();
  return {
    symbols: readFileSync(path.join(dir, 'symbols.scm'), 'utf8'),
    folds: readFileSync(path.join(dir, 'folds.scm'), 'utf8'),
  };
}

/** Reads for tests and tools that build a host without a workspace: anywhere, under the default size bound. */
export const nodeReader = new BoundedReader();
export const nodeIO: HostIO = { readFile: nodeReader.readFile, refusal: nodeReader.refusal };

export async function createNodeHost(io: HostIO = nodeIO): Promise<AnalysisHost> {
  return new AnalysisHost(await nodeLanguage(), readQueryTexts(), io);
}
