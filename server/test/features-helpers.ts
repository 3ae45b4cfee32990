/**
 * Helpers of the language-feature tests: positions by searching text (so fixtures can change
 * without renumbering), and responses made stable for golden files (file URIs relative to the
 * fixtures folder).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-protocol/node';
import { fileUri, REPO_ROOT } from './support/lsp-client';

export const FEATURES = path.join(REPO_ROOT, 'test-fixtures', 'features');
export const DESIGN = path.join(FEATURES, 'design');
export const ACTIONS = path.join(FEATURES, 'actions');

/** The position of `needle`'s nth occurrence in a file, plus `delta` characters. */
export function positionOf(file: string, needle: string, nth = 0, delta = 0): Position {
  const text = readFileSync(file, 'utf8');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} not in ${file}`);
  }
  at += delta;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

/** JSON with fixture URIs shortened to `features/...`, two-space indented. */
export function stable(value: unknown): string {
  const prefix = fileUri(FEATURES);
  return JSON.stringify(value, (_k, v) => (typeof v === 'string' && v.startsWith(prefix) ? `features${v.slice(prefix.length)}` : v), 2)
    .replace(new RegExp(escape(prefix), 'g'), 'features');
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: Array<{ range: { start: Position; end: Position }; newText: string }>): string {
  const offset = (p: Position) => {
    const lines = text.split('\n');
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    return o + p.character;
  };
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
