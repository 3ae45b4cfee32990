/**
 * Loading the tree-sitter runtime and the SystemVerilog grammar (both WebAssembly).
 *
 * The rest of the syntax stage sees the runtime through `ParserBackend` (`backend.ts`): this loader
 * and `wasm-backend.ts` are the only files that import web-tree-sitter.
 *
 * The core takes bytes, never paths: where the .wasm files live is the shell's business
 * (see `server/src/node/assets.ts`), so the same code runs in Node, VS Code desktop and the web.
 */
import { Language, Parser } from 'web-tree-sitter';

export interface GrammarBytes {
  /** web-tree-sitter's runtime, `tree-sitter.wasm`. */
  runtime: Uint8Array;
  /** The grammar, `tree-sitter-systemverilog.wasm`. */
  grammar: Uint8Array;
}

/** A loaded grammar. One per process: loading the 23 MB grammar costs about half a second. */
export interface VerilogLanguage {
  readonly language: Language;
  /** A new parser. The caller owns it and must `delete()` it. */
  newParser(): Parser;
}

let runtimeReady: Promise<void> | undefined;
let runtime: object | undefined;

/**
 * web-tree-sitter's emscripten module, for `wasm-backend.ts`: the options object given to the first
 * `Parser.init` becomes the module, with the runtime's wasm exports on it. Undefined before loading.
 */
export function treeSitterRuntime(): object | undefined {
  return runtime;
}

/**
 * What a host may do around the grammar's compilation and instantiation (the Node hosts tune the
 * engine's tiering for the grammar's module there, see `server/src/node/host.ts`).
 */
export interface GrammarLoadHooks {
  /** Called just before the grammar's module is compiled and instantiated. */
  beforeGrammar?(): void;
  /** Called once it is instantiated (or failed to). */
  afterGrammar?(): void;
}

export async function loadVerilogLanguage(bytes: GrammarBytes, hooks: GrammarLoadHooks = {}): Promise<VerilogLanguage> {
  runtimeReady ??= (async () => {
    const options = { wasmBinary: bytes.runtime.slice().buffer };
    await Parser.init(options as unknown as EmscriptenModule);
    runtime = options;
  })();
  await runtimeReady;
  hooks.beforeGrammar?.();
  let language: Language;
  try {
    language = await Language.load(bytes.grammar);
  } finally {
    hooks.afterGrammar?.();
  }
  return handleOf(language);
}

/**
 * The handle is made outside `loadVerilogLanguage`: a closure made there would share its scope with
 * `bytes`, and so keep the 23 MB grammar file alive for the life of the process (it is copied into
 * wasm memory and into V8's module at load and never read again).
 */
function handleOf(language: Language): VerilogLanguage {
  return {
    language,
    newParser() {
      const p = new Parser();
      p.setLanguage(language);
      return p;
    },
  };
}

