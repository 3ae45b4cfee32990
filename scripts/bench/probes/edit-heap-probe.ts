/**
 * What editing keeps alive: opens a design in an AnalysisHost, inserts a space in N different
 * modules one after the other, and compares the JS heap after a full GC before and after.
 *   node --expose-gc probe.cjs <file.v> <edits>   prints one JSON object on stdout.
 * Names cut from the parsed text must not keep old versions of the file alive, and per-module
 * caches must not grow with the number of edits beyond one entry per module.
 */
import { readFileSync } from 'node:fs';
import { createNodeHost, useEditorRuntime } from '../../../server/src/node/host';

async function main(): Promise<void> {
  const [file, editsArg] = process.argv.slice(2);
  const edits = Number(editsArg ?? '100');
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const text = readFileSync(file, 'utf8');
  useEditorRuntime(); // the runtime the language server parses with
  const host = await createNodeHost();
  host.open(file, text);
  gc();
  const before = process.memoryUsage().heapUsed;
  const lines = text.split('\n');
  for (let i = 0; i < edits; i++) {
    const line = Math.floor(((i + 0.5) / edits) * lines.length);
    host.change(file, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: ' ' }]);
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  process.stdout.write(JSON.stringify({ edits, heapBeforeMb: before / 1048576, heapAfterMb: after / 1048576, textMb: text.length / 1048576 }) + '\n');
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
