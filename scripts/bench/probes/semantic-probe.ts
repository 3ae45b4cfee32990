/**
 * The semantic stage alone on one file, in a fresh process (run with --expose-gc for the heap figures):
 *   argv: <file.v> [repeats]   prints one JSON object on stdout.
 * Opens the file in the syntax stage (SyntaxDocument), then times, in CPU ms of this process:
 * lowering it (SemanticModel.updateFile, first time: nothing cached), elaborating it with its checks
 * (diagnosticsFor, the editor's diagnostics) and the same again from scratch `repeats` times with a
 * warm JIT. The JS heap after a full GC is measured with the document open, after the lowering and
 * after the diagnostics: what the semantic stage keeps.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { nodeBackend } from '../../../server/src/node/host';
import { SemanticModel } from '../../../server/src/semantic';
import { SyntaxDocument } from '../../../server/src/syntax/document';

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
const cpu = <T>(f: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const v = f();
  const c = process.cpuUsage(c0);
  return [v, (c.user + c.system) / 1000];
};

async function main(): Promise<void> {
  const [file, repeatsArg] = process.argv.slice(2);
  const repeats = Number(repeatsArg ?? '3');
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length - 1;
  const lang = await nodeBackend();
  const heapStart = heapMb();
  const opts = { includeDirs: [path.dirname(file)], readFile: (p: string) => readFileSync(p, 'utf8') };
  const [doc, syntaxMs] = cpu(() => SyntaxDocument.open(lang, file, text, opts));
  const heapDoc = heapMb();
  let sm = new SemanticModel();
  const [, lowerMs] = cpu(() => sm.updateFile(doc));
  const heapLowered = heapMb();
  const [diags, diagnosticsMs] = cpu(() => sm.diagnosticsFor(file));
  const heapElaborated = heapMb();
  // PPA_PROBE_SNAPSHOT=file: a heap snapshot here, with the document, the AST and the elaborated design live
  if (process.env.PPA_PROBE_SNAPSHOT) writeHeapSnapshot(process.env.PPA_PROBE_SNAPSHOT);
  const warmLowerMs: number[] = [];
  const warmDiagnosticsMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    sm = new SemanticModel();
    warmLowerMs.push(cpu(() => sm.updateFile(doc))[1]);
    warmDiagnosticsMs.push(cpu(() => sm.diagnosticsFor(file))[1]);
  }
  const byCode: Record<string, number> = {};
  for (const d of diags) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  process.stdout.write(
    JSON.stringify({
      file,
      lines,
      syntaxMs,
      lowerMs,
      diagnosticsMs,
      semanticLinesPerS: lines / ((lowerMs + diagnosticsMs) / 1000),
      warmLowerMs,
      warmDiagnosticsMs,
      diagnostics: diags.length,
      byCode,
      heapMb: { start: heapStart, docOpen: heapDoc, lowered: heapLowered, elaborated: heapElaborated, semanticKept: heapElaborated - heapDoc },
      rssMb: process.memoryUsage().rss / 2 ** 20,
    }) + '\n',
  );
  doc.dispose();
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
