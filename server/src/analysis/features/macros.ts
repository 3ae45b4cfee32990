/**
 * Macros and includes in the editor: go to definition on a `` `MACRO `` use (its `` `define ``, in
 * this file or an included one) and on an `` `include "file" `` (the file), and the hover of a
 * macro use: its definition and what it expands to at that use. From the open document's
 * preprocessor result; pure.
 */
import { rangeContains, type Position, type Range } from '../../base/text';
import type { FileRange, FeatureContext } from './context';

/** Longest expansion shown in a hover. */
const MAX_SHOWN = 400;

function macroUseAt(ctx: FeatureContext, file: string, pos: Position) {
  const doc = ctx.host.get(file);
  if (!doc) return undefined;
  const use = doc.preprocessed.macroUses.find((u) => rangeContains(u.range, pos));
  return use ? { doc, use } : undefined;
}

function includeAt(ctx: FeatureContext, file: string, pos: Position) {
  return ctx.host.get(file)?.preprocessed.includes.find((i) => rangeContains(i.range, pos));
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where a macro use or an include at `pos` leads; undefined when `pos` is on neither. */
export function preprocessorDefinition(ctx: FeatureContext, file: string, pos: Position): FileRange[] | undefined {
  const inc = includeAt(ctx, file, pos);
  if (inc) return inc.resolved ? [{ file: inc.resolved, range: START }] : [];
  const at = macroUseAt(ctx, file, pos);
  if (!at) return undefined;
  const def = at.use.def;
  if (!def?.range) return [];
  return [{ file: def.file ?? file, range: def.range }];
}

/** The hover of a macro use (definition and expansion) or of an include (the file it resolves to). */
export function preprocessorHover(ctx: FeatureContext, file: string, pos: Position): { markdown: string; range: Range } | undefined {
  const inc = includeAt(ctx, file, pos);
  if (inc) {
    return { markdown: inc.resolved ? `Includes \`${inc.resolved}\`` : `\`${inc.spec}\` is not found in the including file's folder or the include directories`, range: inc.range };
  }
  const at = macroUseAt(ctx, file, pos);
  if (!at) return undefined;
  const { doc, use } = at;
  const def = use.def;
  if (!def) return { markdown: `\`\`${use.name}\` is not defined here`, range: use.range };
  const params = def.params ? `(${def.params.map((p) => (p.default !== undefined ? `${p.name}=${p.default}` : p.name)).join(', ')})` : '';
  const where = def.file ? `defined in \`${basename(def.file)}\`${def.range ? ` at line ${def.range.start.line + 1}` : ''}` : 'defined in the settings (ppaLens.defines)';
  const lines = ['```verilog', `\`define ${use.name}${params} ${def.body.trim()}`, '```', '', where];
  // the expansion at this use: the expanded text of the segment the use maps to
  const start = doc.sourceIndex.offsetAt(use.range.start);
  const seg = doc.preprocessed.segments.find((s) => s.kind === 'expansion' && s.srcStart <= start && s.srcEnd > start);
  if (seg) {
    let text = doc.parsedText.slice(seg.outStart, seg.outEnd).replace(/\s+/g, ' ').trim();
    if (text.length > MAX_SHOWN) text = `${text.slice(0, MAX_SHOWN)}…`;
    lines.push('', 'Expands here to:', '```verilog', text, '```');
  }
  return { markdown: lines.join('\n'), range: use.range };
}

function basename(f: string): string {
  return f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1);
}
