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
 * V8 first runs wasm through its baseline compiler (Liftoff) and tiers hot functions up later. For the
 * 23 MB grammar that made parses 3-4x slower and erratic for the first minutes of a process
 * (a 6k-line file: 450-1500 ms instead of 120-380 ms, measured on this project's 2-core machines).
 * Compiling with the optimising compiler from the start costs about a second once, at load, which
 * we pay here together with one tiny warm-up parse, so every parse the user waits for is fast.
 * PPA_LENS_LIFTOFF=1 restores V8's default.
 */
export function nodeLanguage(): Promise<VerilogLanguage> {
  if (!language) {
    if (process.env.PPA_LENS_LIFTOFF !== '1') setFlagsFromString('--no-liftoff');
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
