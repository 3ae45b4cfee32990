/**
 * Diagnostics as SARIF 2.1.0, the format GitHub code scanning (and other review tools) show inline.
 * Rules come from the code table, so each result links to a stable rule with its description and
 * default level; locations are regions with 1-based lines and columns (UTF-16, as the core counts),
 * and artifact URIs are relative to the working directory under the SRCROOT base, which is what
 * code scanning resolves against the checked-out repository.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES, type CodeInfo } from '../../base/codes';
import type { Diagnostic, Severity } from '../../base/diagnostic';
import type { Range } from '../../base/text';
import { VERSION } from '../../base/version';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFO_URI = 'https://github.com/ppa-lens/ppa-lens';

type Level = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export interface SarifOptions {
  /** Folder artifact URIs are relative to (SRCROOT). */
  cwd: string;
  /** Extra facts for `runs[0].properties` (the estimate's summary, budget verdicts). */
  properties?: Record<string, unknown>;
}

export function toSarif(diagnostics: Diagnostic[], opts: SarifOptions): object {
  const rules = ruleTable(diagnostics);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    ruleIndex: ruleIndex.get(d.code)!,
    level: LEVEL[d.severity],
    message: { text: d.message },
    locations: [{ physicalLocation: physical(d.file, d.range, opts.cwd) }],
    ...(d.related?.length
      ? { relatedLocations: d.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r.file, r.range, opts.cwd), message: { text: r.message } })) }
      : {}),
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ppa-lens', version: VERSION, semanticVersion: VERSION, informationUri: INFO_URI, rules } },
        originalUriBaseIds: { SRCROOT: { uri: pathToFileURL(opts.cwd.endsWith(path.sep) ? opts.cwd : opts.cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results,
        ...(opts.properties ? { properties: opts.properties } : {}),
      },
    ],
  };
}

/**
 * The rules the results use, in the code table's order (codes not in the table last). Only those:
 * the full table would make every report change whenever a code is added.
 */
function ruleTable(diagnostics: Diagnostic[]) {
  const table = CODES as Record<string, CodeInfo>;
  const used = new Set(diagnostics.map((d) => d.code));
  const ids = [...Object.keys(table).filter((id) => used.has(id)), ...[...used].filter((id) => !(id in table)).sort()];
  return ids.map((id) => {
    const info = table[id];
    return {
      id,
      shortDescription: { text: info?.title ?? id },
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'warning'] },
    };
  });
}

function physical(file: string, range: Range, cwd: string) {
  return { artifactLocation: artifactLocation(file, cwd), region: region(range) };
}

/** Relative to SRCROOT when under the working directory, else an absolute file URI. */
function artifactLocation(file: string, cwd: string) {
  const rel = path.relative(cwd, file);
  if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
  return { uri: pathToFileURL(file).href };
}

/** 1-based; SARIF's endColumn is the column after the region, as the core's exclusive end is. */
function region(r: Range) {
  const startLine = r.start.line + 1;
  const startColumn = r.start.character + 1;
  const endLine = Math.max(startLine, r.end.line + 1);
  const endColumn = endLine === startLine ? Math.max(startColumn, r.end.character + 1) : r.end.character + 1;
  return { startLine, startColumn, endLine, endColumn };
}
