/**
 * Loads a process model by built-in name or file path, following `extends`, and never falls back
 * silently: every problem is a Diagnostic located on the offending value of the file that holds
 * it (or, for a problem found only after merging, of the nearest file in the chain that sets it).
 *
 *   loadProcessModel('duv-7nm-mp', readFile)            a built-in
 *   loadProcessModel('/w/my.ppa-process.json', readFile) a file (jsonc: comments allowed)
 *
 * `readFile` is the host's (returns undefined when the file cannot be read), so this stays pure.
 */
import * as path from 'node:path';
// The ESM build: jsonc-parser's "main" is a UMD bundle whose internal requires esbuild cannot follow.
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main';
import type { Code } from '../base/codes';
import type { Diagnostic, RelatedLocation } from '../base/diagnostic';
import { LineIndex, type Range } from '../base/text';
import { BUILTIN_MODELS, builtinNames, getBuiltin } from './builtin/index';
import { keyNodeOf, nodeAt, rangeOfNode, type JsonPath, type LocatedText } from './json-locate';
import { deepMerge } from './merge';
import type { ProcessModel } from './model';
import { validateFile } from './schema-validate';
import { semanticIssues } from './semantic-checks';

export type ReadFile = (absPath: string) => string | undefined;

export interface LoadResult {
  model?: ProcessModel;
  diagnostics: Diagnostic[];
  /** Files read, the user's first, then each file it extends (for watching and cache keys). */
  files: string[];
}

export interface LoadOptions {
  /** Folder that relative paths are resolved against (default: the process's working folder). */
  cwd?: string;
}

/** A built-in name (no path separator, no .json) rather than a file. */
export function isBuiltinRef(ref: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(ref) && !/\.jsonc?$/i.test(ref);
}

interface LoadedFile extends LocatedText {
  file: string;
  value: Record<string, unknown>;
}

interface Ctx {
  readFile: ReadFile;
  diagnostics: Diagnostic[];
  files: string[];
}

export function loadProcessModel(nameOrPath: string, readFile: ReadFile, opts: LoadOptions = {}): LoadResult {
  const ctx: Ctx = { readFile, diagnostics: [], files: [] };
  if (isBuiltinRef(nameOrPath)) {
    const model = getBuiltin(nameOrPath);
    if (model) return { model, diagnostics: [], files: [] };
    ctx.diagnostics.push(diag(nameOrPath, zero(), 'process-unknown-builtin', unknownBuiltin(nameOrPath)));
    return { diagnostics: ctx.diagnostics, files: [] };
  }
  const file = path.resolve(opts.cwd ?? path.resolve('.'), nameOrPath);
  const model = loadFile(file, [], undefined, ctx);
  const failed = ctx.diagnostics.some((d) => d.severity === 'error');
  return { model: failed ? undefined : model, diagnostics: ctx.diagnostics, files: ctx.files };
}

/** The located `extends` value that led here, for related information. */
interface Referrer {
  file: LoadedFile;
  range: Range;
}

function loadFile(file: string, chain: LoadedFile[], referrer: Referrer | undefined, ctx: Ctx): ProcessModel | undefined {
  ctx.files.push(file);
  const text = ctx.readFile(file);
  if (text === undefined) {
    if (referrer) {
      ctx.diagnostics.push(
        diag(referrer.file.file, referrer.range, 'process-file-not-found', `cannot read the extended process file ${file}`),
      );
    } else {
      ctx.diagnostics.push(diag(file, zero(), 'process-file-not-found', `cannot read process file ${file}`));
    }
    return undefined;
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false });
  const lines = new LineIndex(text);
  if (errors.length > 0 || !root) {
    for (const e of errors) {
      ctx.diagnostics.push(
        diag(file, lines.rangeOf(e.offset, e.offset + e.length), 'process-json-syntax', `JSON syntax: ${printParseErrorCode(e.error)}`),
      );
    }
    if (!root) ctx.diagnostics.push(diag(file, zero(), 'process-json-syntax', 'the file is empty'));
    return undefined;
  }
  const value = getNodeValue(root) as unknown;
  const lf: LoadedFile = { file, text, lines, root, value: (value ?? {}) as Record<string, unknown> };

  const issues = validateFile(value, root);
  for (const i of issues) ctx.diagnostics.push(diag(file, locate(lf, i.path, i.atKey), i.code, i.message));
  if (issues.length > 0) return undefined;

  const { extends: ext, $schema: _ignored, ...own } = lf.value;
  let base: ProcessModel | undefined;
  if (typeof ext === 'string') {
    const extRange = locate(lf, ['extends']);
    if (isBuiltinRef(ext)) {
      base = getBuiltin(ext);
      if (!base) {
        ctx.diagnostics.push(diag(file, extRange, 'process-unknown-builtin', unknownBuiltin(ext)));
        return undefined;
      }
    } else {
      const target = path.resolve(path.dirname(file), ext);
      const loop = [...chain, lf].find((f) => f.file === target);
      if (loop) {
        const cycle = [...chain.map((f) => f.file), file, target].map((f) => path.basename(f)).join(' -> ');
        const related: RelatedLocation[] = chain.map((f) => ({
          file: f.file,
          range: locate(f, ['extends']),
          message: 'part of the cycle',
        }));
        ctx.diagnostics.push({ ...diag(file, extRange, 'process-extends-cycle', `"extends" makes a cycle: ${cycle}`), related });
        return undefined;
      }
      base = loadFile(target, [...chain, lf], { file: lf, range: extRange }, ctx);
      if (!base) return undefined;
    }
  }

  const merged = (base ? deepMerge(base, own) : own) as unknown as ProcessModel;
  // Files of the chain, nearest first, to locate problems only visible after merging.
  const layers = [lf, ...[...chain].reverse()];
  // No second schema pass on the merged model: a valid partial file merged onto a complete model
  // is complete by construction (objects merge, arrays and their complete items replace whole).
  if (chain.length === 0) {
    for (const i of semanticIssues(merged)) {
      const where = locateInChain(layers, i.path, i.atKey);
      const holder = layers.find((l) => nodeAt(l.root, i.path).exact) ?? lf;
      ctx.diagnostics.push(diag(holder.file, where, 'process-inconsistent', i.message));
    }
  }
  return merged;
}

function locate(f: LocatedText, p: JsonPath, atKey = false): Range {
  const { node, exact } = nodeAt(f.root, p);
  if (exact && atKey && node) return rangeOfNode(f, keyNodeOf(node) ?? node);
  return rangeOfNode(f, node);
}

/** In the nearest file that sets `p`; else at the top file's "extends" (the value came from there). */
function locateInChain(layers: LoadedFile[], p: JsonPath, atKey?: boolean): Range {
  for (const l of layers) if (nodeAt(l.root, p).exact) return locate(l, p, atKey);
  const top = layers[0];
  return nodeAt(top.root, ['extends']).exact ? locate(top, ['extends']) : locate(top, p, atKey);
}

function unknownBuiltin(name: string): string {
  return `no built-in process model "${name}" (built-ins: ${builtinNames().join(', ')}; a file path needs a "/" or ".json")`;
}

function diag(file: string, range: Range, code: Code, message: string): Diagnostic {
  return { file, range, severity: 'error', code, message };
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

export { BUILTIN_MODELS };
