/**
 * Builds an AnalysisHost for Node shells (CLI, LSP server, tests): the tree-sitter runtime, queries
 * and file reading. The runtime is chosen here, through one seam (`setBackendFactory`): web-tree-sitter
 * by default; a native runtime implementing `ParserBackend` can be put in its place.
 */
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import * as path from 'node:path';
import { AnalysisHost, type HostIO } from '../analysis/host';
import type { ParserBackend } from '../syntax/backend';
import type { GrammarLoadHooks } from '../syntax/parser';
import { loadWasmBackend } from '../syntax/wasm-backend';
import { createNativeBackend } from './native-backend';
import { queriesDir, readGrammarBytes } from './assets';
import { BoundedReader } from './read-file';

let backend: Promise<ParserBackend> | undefined;

const WARM_UP = 'module w #(parameter N = 2) (input wire [N-1:0] a, output reg y);\n  always @(*) begin if (a[0]) y = |a; else y = 1\'b0; end\nendmodule\n';

/**
 * How V8 tiers the grammar's wasm up to its optimising compiler (issue 15):
 * - `late` (the default): the grammar's module gets the largest tiering budget, so it runs on the
 *   baseline tier (Liftoff) until a function has done a lot of work. The grammar's lexers are single
 *   functions of 26-103 KB of wasm, each one loop over a big switch; V8 charges a loop's whole body
 *   to the budget on every iteration, so with its default budget (1.8 M) the lexers were sent to the
 *   optimising compiler after about twenty characters, and compiling them cost 0.5-0.6 s of CPU in
 *   every process, a 5-line file included. With the largest budget (2^31-1) that happens after about
 *   twenty thousand characters lexed, so big files still get optimised lexers. The budget is read
 *   when a module is instantiated: it is raised for the grammar's load only, and the runtime's wasm
 *   and any other wasm of the process (the synthesis tier's Yosys) keep V8's default.
 * - `none`: no tier-up of any wasm in the process, for a short-lived command that runs no other wasm
 *   (`ppa-lens check`, `estimate` without `--synthesize`): even a 50k-line file costs about as much
 *   CPU on the baseline tier as it does optimised, counting the optimising compile.
 * - `v8`: V8's defaults.
 * PPA_LENS_WASM_TIERING=late|none|v8 overrides the choice; PPA_LENS_LIFTOFF=0 turns the baseline tier
 * off (then everything is compiled by the optimising compiler, lazily, as before issue 15).
 */
export type GrammarTiering = 'late' | 'none' | 'v8';

let tiering: GrammarTiering = 'late';

/** Chooses the tiering before the grammar is loaded (a later call has no effect on a loaded grammar). */
export function setGrammarTiering(mode: GrammarTiering): void {
  tiering = mode;
}

function chosenTiering(): GrammarTiering {
  const env = process.env.PPA_LENS_WASM_TIERING;
  return env === 'late' || env === 'none' || env === 'v8' ? env : tiering;
}

/** V8's wasm tiering budget, as given on the command line, or V8's default (Node 20: 1,800,000). */
function tieringBudget(): number {
  for (const a of process.execArgv) {
    const m = /^--wasm[-_]tiering[-_]budget=(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return 1_800_000;
}

function grammarLoadHooks(mode: GrammarTiering): GrammarLoadHooks {
  if (mode === 'none') setFlagsFromString('--no-wasm-dynamic-tiering --no-wasm-tier-up');
  if (mode !== 'late') return {};
  return {
    beforeGrammar: () => setFlagsFromString(`--wasm-tiering-budget=${2 ** 31 - 1}`),
    afterGrammar: () => setFlagsFromString(`--wasm-tiering-budget=${tieringBudget()}`),
  };
}

/**
 * web-tree-sitter and the grammar, loaded once per process and warmed up.
 *
 * V8 runs wasm first through its baseline compiler (Liftoff), compiling each function when it is
 * first called, and tiers hot functions up to the optimising compiler in the background (see
 * `GrammarTiering` for when). Earlier versions turned Liftoff off (`--no-liftoff`) so that the first
 * parses of a big file would not be slow; measured again (issue 15), the optimising compile of the
 * grammar cost about a second of CPU at every start, while with Liftoff the first parse of a 6k-line
 * file took no longer than that compile. PPA_LENS_LIFTOFF=0 turns Liftoff off again.
 */
export async function wasmNodeBackend(): Promise<ParserBackend> {
  if (process.env.PPA_LENS_LIFTOFF === '0') setFlagsFromString('--no-liftoff');
  const b = await loadWasmBackend(readGrammarBytes(), grammarLoadHooks(chosenTiering()));
  b.parse(WARM_UP, null)?.delete();
  return b;
}

/** Makes the process's tree-sitter runtime (called once, on first use). */
export type BackendFactory = () => Promise<ParserBackend>;

/** Why the native runtime is not in use, when it is not (for the server's log and `--version`-like reports). */
let nativeRefusal: string | undefined;

/**
 * The default runtime: the native one (`native-backend.ts`) when its addon loads, else
 * web-tree-sitter. Both give the same columns (native-backend.test.ts); the native one starts in a
 * millisecond instead of compiling the 23 MB grammar wasm, parses 2-3x faster, and keeps no wasm heap.
 * PPA_LENS_PARSER=wasm|native forces one.
 */
export async function preferredNodeBackend(): Promise<ParserBackend> {
  const native = createNativeBackend();
  if (native.backend) return native.backend;
  nativeRefusal = native.reason;
  return wasmNodeBackend();
}

/** Why the process parses with WebAssembly, if it does and a native runtime was tried. */
export function nativeRuntimeRefusal(): string | undefined {
  return nativeRefusal;
}

let factory: BackendFactory = preferredNodeBackend;

/**
 * Chooses the runtime every Node shell parses with (before the first parse; a later call has no
 * effect on a runtime already made). The default is `preferredNodeBackend`.
 */
export function setBackendFactory(f: BackendFactory): void {
  factory = f;
}

/**
 * The runtime of the editor's language server (and of the bench's in-process editing probes, which
 * measure what the server does). The server reparses on every keystroke: web-tree-sitter's columns
 * copy the rows of the subtrees an incremental parse reused (syntax/wasm-backend.ts), while the
 * native runtime walks the whole tree again, which on the 5k-line bench design made an edit cost
 * 25 ms at p50 instead of 13. So the server keeps WebAssembly until the native columns reuse rows
 * too; one-shot commands (check, estimate, report) parse natively. PPA_LENS_PARSER=native still
 * forces the native runtime.
 */
export function useEditorRuntime(): void {
  if (process.env.PPA_LENS_PARSER !== 'native') setBackendFactory(wasmNodeBackend);
}

/** The process's tree-sitter runtime: made once by the chosen factory, then shared by every host and command. */
export function nodeBackend(): Promise<ParserBackend> {
  backend ??= factory();
  return backend;
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
  return new AnalysisHost(await nodeBackend(), readQueryTexts(), io);
}
