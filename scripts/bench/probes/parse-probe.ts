/**
 * Parse throughput in a fresh process, through the same core the server uses:
 *   argv: <file.v> <repeats>   prints one JSON object on stdout.
 * Measures grammar load, tree-sitter parses of the raw text (first and steady state), and the
 * server's full syntax pipeline (AnalysisHost.open: preprocess + parse + module recovery) followed
 * by diagnostics, document symbols and folding ranges.
 */
import { readFileSync } from 'node:fs';
import { createNodeHost, nodeBackend } from '../../../server/src/node/host';
import { FLAG_HAS_ERROR } from '../../../server/src/syntax/backend';

async function main(): Promise<void> {
  const [file, repeatsArg] = process.argv.slice(2);
  const repeats = Number(repeatsArg ?? '5');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - 1;
  const time = <T>(f: () => T): [T, number] => {
    const t0 = performance.now();
    const v = f();
    return [v, performance.now() - t0];
  };

  const t0 = performance.now();
  const lang = await nodeBackend();
  const loadMs = performance.now() - t0;

  // The first parse of a big file is several times slower (wasm memory growth, tier-up): report it
  // on its own, then alternate raw parses and full opens so neither gets a warmer engine.
  const host = await createNodeHost();
  const [firstTree, firstParseMs] = time(() => lang.parse(text, null));
  const errors = firstTree ? (firstTree.columns().flags[0] & FLAG_HAS_ERROR) !== 0 : true;
  firstTree?.delete();
  const firstOpenMs = time(() => host.open(file, text))[1];
  const parseMs: number[] = [];
  const openMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const [tree, ms] = time(() => lang.parse(text, null));
    parseMs.push(ms);
    tree?.delete();
    openMs.push(time(() => host.open(file, text))[1]);
  }
  const [diags, diagnosticsMs] = time(() => host.diagnostics(file));
  const [symbols, symbolsMs] = time(() => host.symbols(file));
  const [folds, foldingMs] = time(() => host.folding(file));
  const mem = process.memoryUsage();
  process.stdout.write(
    JSON.stringify({
      file,
      lines,
      bytes: Buffer.byteLength(text),
      loadMs,
      firstParseMs,
      parseMs,
      treeHasError: errors,
      firstOpenMs,
      openMs,
      diagnosticsMs,
      // the generator writes clean syntax; semantic warnings (an unused input) are not counted here
      diagnostics: diags.filter((d) => /^(syntax|pp)-/.test(d.code) && d.severity !== 'hint').length,
      symbolsMs,
      symbols: symbols.length,
      foldingMs,
      folds: folds.length,
      rssMb: mem.rss / 2 ** 20,
    }) + '\n',
  );
  host.dispose();
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
