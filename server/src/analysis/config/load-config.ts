/**
 * Loads `ppa-lens.json` (comments allowed) and validates it against its schema. Never throws and
 * never falls back silently: every problem is an error Diagnostic on the offending value (or key)
 * of the file, so the CLI prints file:line:col and the editor underlines it. Locating reuses the
 * process-model loader's JSON helpers.
 *
 * `readFile` is the host's (undefined when the file cannot be read), so this stays pure.
 */
import * as path from '../../base/paths';
// The ESM build: jsonc-parser's "main" is a UMD bundle whose internal requires esbuild cannot follow.
import { getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser/lib/esm/main';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Code } from '../../base/codes';
import type { Diagnostic } from '../../base/diagnostic';
import { LineIndex, type Range } from '../../base/text';
import { keyNodeOf, nodeAt, pathToString, pointerToPath, rangeOfNode, type JsonPath, type LocatedText } from '../../process/json-locate';
import { isBuiltinRef, jsonShapeProblem, nonFiniteNumbers } from '../../process/load-process-model';
import type { ClockTarget } from '../budgets/types';
import { parseFrequencyMhz } from './frequency';
import { configSchema } from './schema';
import { CONFIG_FILE_NAME, emptyConfig, type WorkspaceConfig } from './types';

import type { ReadFile } from '../../base/read-file';
export type { ReadFile } from '../../base/read-file';

export interface ConfigLoad {
  /** Undefined when the file has errors: a CI gate must not run with half a config. */
  config?: WorkspaceConfig;
  diagnostics: Diagnostic[];
}

/** The nearest `ppa-lens.json` in `dir` or a parent folder, or undefined. */
export function findConfigFile(dir: string, readFile: ReadFile): string | undefined {
  for (let d = path.resolve(path.currentFolder(), dir); ; d = path.dirname(d)) {
    const candidate = path.join(d, CONFIG_FILE_NAME);
    if (readFile(candidate) !== undefined) return candidate;
    if (path.dirname(d) === d) return undefined;
  }
}

export function loadConfig(file: string, readFile: ReadFile, refusal?: (absPath: string) => string | undefined): ConfigLoad {
  const text = readFile(file);
  if (text === undefined) return { diagnostics: [diag(file, zero(), 'config-file-not-found', refusal?.(file) ?? `cannot read config file ${file}`)] };
  return parseConfig(file, text);
}

/** Parses and validates the text of a config file (the editor passes its unsaved buffer). */
export function parseConfig(file: string, text: string): ConfigLoad {
  const shape = jsonShapeProblem(text, 'the config file');
  if (shape) {
    const lines = new LineIndex(text);
    return { diagnostics: [diag(file, lines.rangeOf(shape.offset, shape.offset), 'config-json-syntax', shape.message)] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: false, allowTrailingComma: false });
  const lt: LocatedText = { text, lines: new LineIndex(text), root };
  const infinite = nonFiniteNumbers(root);
  if (infinite.length > 0)
    return { diagnostics: infinite.slice(0, 20).map((n) => diag(file, lt.lines.rangeOf(n.offset, n.offset + n.length), 'config-invalid', `${text.slice(n.offset, n.offset + Math.min(n.length, 40))} is too large: not a finite number`)) };
  if (errors.length > 0 || !root) {
    const diagnostics = errors.map((e) =>
      diag(file, lt.lines.rangeOf(e.offset, e.offset + e.length), 'config-json-syntax', `JSON syntax: ${printParseErrorCode(e.error)}`),
    );
    if (!root) diagnostics.push(diag(file, zero(), 'config-json-syntax', 'the file is empty'));
    return { diagnostics };
  }
  const value = getNodeValue(root) as unknown;
  validator ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(configSchema());
  if (!validator(value)) {
    const diagnostics = issues(validator.errors ?? [], root).map((i) => diag(file, locate(lt, i.path, i.atKey), 'config-invalid', i.message));
    return { diagnostics };
  }
  return { config: resolve(file, value as RawConfig, lt), diagnostics: [] };
}

let validator: ValidateFunction | undefined;

interface RawConfig {
  top?: string;
  files?: string[];
  filelists?: string[];
  includeDirs?: string[];
  defines?: Record<string, string | number>;
  processModel?: string;
  clocks?: Record<string, string | number>;
  budgets?: { maxAreaUm2?: number; maxDieAreaMm2?: number; maxCostUsd?: number };
  failOn?: 'error' | 'warning';
}

/** Paths relative to the file's folder become absolute; clock values become MHz with their location. */
function resolve(file: string, raw: RawConfig, lt: LocatedText): WorkspaceConfig {
  const dir = path.dirname(file);
  const abs = (p: string) => path.resolve(dir, p);
  const clocks: ClockTarget[] = Object.entries(raw.clocks ?? {}).map(([name, v]) => ({
    name,
    // the schema admits only what parseFrequencyMhz reads
    mhz: parseFrequencyMhz(v)!,
    source: 'config',
    loc: { file, range: locate(lt, ['clocks', name]) },
  }));
  return {
    ...emptyConfig(),
    file,
    top: raw.top,
    files: (raw.files ?? []).map(abs),
    filelists: (raw.filelists ?? []).map(abs),
    includeDirs: (raw.includeDirs ?? []).map(abs),
    defines: Object.fromEntries(Object.entries(raw.defines ?? {}).map(([k, v]) => [k, String(v)])),
    processModel: raw.processModel === undefined ? undefined : isBuiltinRef(raw.processModel) ? raw.processModel : abs(raw.processModel),
    clocks,
    budgets: { ...raw.budgets },
    failOn: raw.failOn,
  };
}

interface Issue {
  path: JsonPath;
  message: string;
  atKey?: boolean;
}

/** ajv's errors as one sentence each, at the value (or key) to blame. */
function issues(errors: ErrorObject[], root: Node): Issue[] {
  const out: Issue[] = [];
  const seen = new Set<string>();
  const oneOfAt = new Set(errors.filter((e) => e.keyword === 'oneOf').map((e) => e.instancePath));
  for (const e of errors) {
    // the branches of a oneOf (a clock: text with a unit or a number) are reported once, by the oneOf
    if (e.keyword !== 'oneOf' && oneOfAt.has(e.instancePath)) continue;
    if (e.keyword === 'if' || e.keyword === 'propertyNames') continue;
    const issue = toIssue(e, pointerToPath(e.instancePath, root));
    const key = `${issue.path.join('/')}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

function toIssue(e: ErrorObject, p: JsonPath): Issue {
  const where = pathToString(p);
  const params = e.params as Record<string, unknown>;
  const got = (v: unknown) => ` (got ${JSON.stringify(v)})`;
  const data = valueAt(e);
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { path: [...p, name], atKey: true, message: `unknown field "${name}" in ${where}${known.length ? `; known fields: ${known.join(', ')}` : ''}` };
    }
    case 'oneOf':
      return { path: p, message: `${where} must be a frequency such as "1.25GHz" or "800MHz", or a number of MHz${got(data)}` };
    case 'pattern':
      // a bad key of "defines" or "clocks" (ajv names it in propertyName)
      if (e.propertyName !== undefined)
        return { path: [...p, e.propertyName], atKey: true, message: `"${e.propertyName}" is not a valid name in ${where} (letters, digits, _ and $; not starting with a digit)` };
      return { path: p, message: `${where} must be an identifier${got(data)}` };
    case 'enum':
      return { path: p, message: `${where} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got(data)}` };
    case 'type':
      return { path: p, message: `${where} must be ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${String(params.type).replace(',', ' or ')}${got(data)}` };
    case 'exclusiveMinimum':
    case 'minimum':
      return { path: p, message: `${where} must be ${String(params.comparison)} ${String(params.limit)}${got(data)}` };
    case 'minLength':
      return { path: p, message: `${where} must not be empty` };
    case 'uniqueItems':
      return { path: p, message: `${where} lists the same entry twice` };
    default:
      return { path: p, message: `${where} ${e.message ?? 'is invalid'}` };
  }
}

/** The offending value (ajv's `verbose` mode carries it). */
function valueAt(e: ErrorObject): unknown {
  return e.data;
}

function locate(t: LocatedText, p: JsonPath, atKey = false): Range {
  const { node, exact } = nodeAt(t.root, p);
  if (exact && atKey && node) return rangeOfNode(t, keyNodeOf(node) ?? node);
  return rangeOfNode(t, node);
}

function diag(file: string, range: Range, code: Code, message: string): Diagnostic {
  return { file, range, severity: 'error', code, message };
}

function zero(): Range {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
