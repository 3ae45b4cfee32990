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
import * as path from '../base/paths';
// The ESM build: jsonc-parser's "main" is a UMD bundle whose internal requires esbuild cannot follow.
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main';
import type { Code } from '../base/codes';
import type { Diagnostic, RelatedLocation } from '../base/diagnostic';
import { LineIndex, type Range } from '../base/text';
import { BUILTIN_MODELS, builtinNames, getBuiltin } from './builtin/index';
import { keyNodeOf, nodeAt, rangeOfNode, type JsonPath, type LocatedText } from './json-locate';
import { deepMerge } from './merge';
import type { ProcessModel } from './model';
import { validateFile } from './schema-validate';
import { semanticIssues } from './semantic-checks';

import type { ReadFile } from '../base/read-file';
export type { ReadFile } from '../base/read-file';

export interface LoadResult {
  model?: ProcessModel;
  diagnostics: Diagnostic[];
  /** Files read, the user's first, then each file it extends (for watching and cache keys). */
  files: string[];
}

export interface LoadOptions {
  /** Folder that relative paths are resolved against (default: the process's working folder). */
  cwd?: string;
  /** Why the host refused to read a file (outside the workspace, not a regular file, too large), for the diagnostic. */
  refusal?: (absPath: string) => string | undefined;
}

/** A process-model or config file is a few KB; anything over this is refused before it is parsed. */
export const MAX_JSON_FILE_CHARS = 1 << 20;
/** Deepest nesting of arrays and objects accepted (the schema needs 5). */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a JSON text is refused before parsing (too long, nested too deep), located; undefined if it
 * is fine. The parser recurses per level, so depth is checked first with a linear scan.
 */
export function jsonShapeProblem(text: string, what: string): { offset: number; message: string } | undefined {
  if (text.length > MAX_JSON_FILE_CHARS) return { offset: 0, message: `${what} is too large: ${text.length} characters, over the bound of ${MAX_JSON_FILE_CHARS}` };
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return { offset: i, message: `${what} nests arrays and objects more than ${MAX_JSON_DEPTH} deep` };
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** Numbers JSON can spell but no model can use (1e999 is Infinity once parsed): each located. */
export function nonFiniteNumbers(root: Node | undefined): Node[] {
  const out: Node[] = [];
  const stack: Node[] = root ? [root] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'number' && !Number.isFinite(n.value)) out.push(n);
    if (n.children) stack.push(...n.children);
  }
  return out.reverse();
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
  refusal?: (absPath: string) => string | undefined;
  diagnostics: Diagnostic[];
  files: string[];
}

export function loadProcessModel(nameOrPath: string, readFile: ReadFile, opts: LoadOptions = {}): LoadResult {
  const ctx: Ctx = { readFile, refusal: opts.refusal, diagnostics: [], files: [] };
  if (isBuiltinRef(nameOrPath)) {
    const model = getBuiltin(nameOrPath);
    if (model) return { model, diagnostics: [], files: [] };
    ctx.diagnostics.push(diag(nameOrPath, zero(), 'process-unknown-builtin', unknownBuiltin(nameOrPath)));
    return { diagnostics: ctx.diagnostics, files: [] };
  }
  const file = path.resolve(opts.cwd ?? path.currentFolder(), nameOrPath);
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
    const why = ctx.refusal?.(file);
    if (referrer) {
      ctx.diagnostics.push(
        diag(referrer.file.file, referrer.range, 'process-file-not-found', why ? `cannot read the extended process file: ${why}` : `cannot read the extended process file ${file}`),
      );
    } else {
      ctx.diagnostics.push(diag(file, zero(), 'process-file-not-found', why ?? `cannot read process file ${file}`));
    }
    return undefined;
  }

  const lines = new LineIndex(text);
  const shape = jsonShapeProblem(text, 'the process file');
  if (shape) {
    ctx.diagnostics.push(diag(file, lines.rangeOf(shape.offset, shape.offset), 'process-json-syntax', shape.message));
    return undefined;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false });
  if (errors.length > 0 || !root) {
    for (const e of errors) {
      ctx.diagnostics.push(
        diag(file, lines.rangeOf(e.offset, e.offset + e.length), 'process-json-syntax', `JSON syntax: ${printParseErrorCode(e.error)}`),
      );
    }
    if (!root) ctx.diagnostics.push(diag(file, zero(), 'process-json-syntax', 'the file is empty'));
    return undefined;
  }
  const infinite = nonFiniteNumbers(root);
  if (infinite.length > 0) {
    for (const n of infinite.slice(0, 20))
      ctx.diagnostics.push(diag(file, lines.rangeOf(n.offset, n.offset + n.length), 'process-out-of-range', `${text.slice(n.offset, n.offset + Math.min(n.length, 40))} is too large: not a finite number`));
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
