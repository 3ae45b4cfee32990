/**
 * Code actions:
 * - fill in every missing named port connection of an instance (`.p(p)` when a signal `p` is in
 *   scope, else `.p()`), offered anywhere inside the instantiation;
 * - declare an undeclared net with the width its uses imply (quick fix of sem-undeclared and
 *   sem-implicit-net);
 * - make a width explicit with a part-select, a size cast (SystemVerilog) or a zero/sign extension
 *   (quick fix of sem-width-mismatch and sem-port-width).
 * Each action is a plain edit computed from the current text; nothing runs on the client.
 */
import type { Diagnostic } from '../../base/diagnostic';
import type { Position, Range } from '../../base/text';
import type { Expr, Instance, ModuleDecl, ModuleItem } from '../../semantic';
import { designFor, modulesNamed, moduleTable, moduleAtPosition } from '../../semantic/query';
import { lineIndexOf, textAt, validPosition, type FeatureContext, type TextEdit } from './context';
import { childBodies, instanceAt, portRanges } from './instances';
import { inferWidth } from './width-inference';

export interface CodeAction {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite';
  /** The diagnostics it fixes. */
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edits: Map<string, TextEdit[]>;
}

export function codeActions(ctx: FeatureContext, file: string, range: Range): CodeAction[] {
  if (!validPosition(ctx, file, range.start)) return [];
  const out: CodeAction[] = [];
  const diags = ctx.host.diagnostics(file).filter((d) => overlaps(d.range, range));
  for (const d of diags) {
    if (d.code === 'sem-undeclared' || d.code === 'sem-implicit-net') {
      // a typo first: "did you mean `a_in`" replaces the name with the nearest one in scope
      const typo = didYouMean(ctx, file, d);
      if (typo) out.push(typo);
      const a = declareNet(ctx, file, d);
      if (a) out.push(typo ? { ...a, isPreferred: false } : a);
    } else if (d.code === 'sem-width-mismatch' || d.code === 'sem-port-width') out.push(...fixWidth(ctx, file, d));
  }
  const fill = fillPorts(ctx, file, range.start, diags);
  if (fill) out.push(fill);
  return out;
}

function overlaps(a: Range, b: Range): boolean {
  const le = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character <= y.character);
  return le(a.start, b.end) && le(b.start, a.end);
}

const one = (file: string, edit: TextEdit) => new Map([[file, [edit]]]);

// ---------------------------------------------------------------- fill in port connections

function fillPorts(ctx: FeatureContext, file: string, pos: Position, diags: Diagnostic[]): CodeAction | undefined {
  const index = ctx.host.model.index;
  const m = moduleAtPosition(index, file, pos);
  const inst = m && instanceAt(m, pos);
  const child = inst && index.module(inst.moduleName);
  if (!m || !inst || !child || inst.loc.file !== file) return undefined;
  if (inst.connections.some((c) => c.wildcard) || inst.connections.some((c) => !c.name && c.expr)) return undefined;
  const connected = new Set(inst.connections.map((c) => c.name).filter(Boolean));
  const missing = child.portOrder.filter((p) => !connected.has(p));
  if (!missing.length) return undefined;
  const li = lineIndexOf(ctx, file);
  if (!li) return undefined;
  const text = li.text;
  const close = li.offsetAt(inst.loc.range.end) - 1;
  if (text[close] !== ')') return undefined;
  const open = text.indexOf('(', li.offsetAt(inst.nameLoc.range.end));
  if (open < 0 || open > close) return undefined;
  const table = moduleTable(m);
  const visible = new Set(table.symbols.filter((s) => s.kind === 'port' || s.kind === 'net').map((s) => s.name));
  const bodies = childBodies(ctx, m, inst);
  const baseIndent = /^[ \t]*/.exec(text.slice(li.lineStart(inst.moduleNameLoc.range.start.line)))![0];
  const named = inst.connections.filter((c) => c.name);
  const connIndent = named.length ? /^[ \t]*/.exec(text.slice(li.lineStart(named[0].loc.range.start.line)))![0] : baseIndent + '  ';
  const width = Math.max(...child.portOrder.map((p) => p.length));
  const lines = missing.map((p) => {
    const dir = child.ports.find((x) => x.name === p)?.dir ?? '';
    const r = portRanges(bodies, p).filter(Boolean)[0] ?? '';
    const note = [dir, r].filter(Boolean).join(' ');
    return { text: `${connIndent}.${p.padEnd(width)} (${visible.has(p) ? p : ''})`, note };
  });
  // Comments after the commas keep the list valid wherever it ends.
  const render = (ls: typeof lines, last: boolean) =>
    ls.map((l, i) => `${l.text}${i < ls.length - 1 || !last ? ',' : ''}${l.note ? ` // ${l.note}` : ''}`).join('\n');
  let edit: TextEdit;
  if (named.length) {
    const after = named[named.length - 1].loc.range.end;
    edit = { range: { start: after, end: after }, newText: `,\n${render(lines, true)}` };
  } else {
    edit = { range: li.rangeOf(open + 1, close), newText: `\n${render(lines, true)}\n${baseIndent}` };
  }
  const fixes = diags.filter((d) => d.code === 'sem-missing-port' && overlaps(d.range, inst.loc.range));
  return {
    title: `Connect all ports of ${inst.name} (${missing.length} missing)`,
    kind: fixes.length ? 'quickfix' : 'refactor.rewrite',
    diagnostics: fixes.length ? fixes : undefined,
    edits: one(file, edit),
  };
}

// ---------------------------------------------------------------- a typo of a name in scope

/** Names this far apart (edits) or closer count as a typo; at most a third of the name's length. */
const MAX_TYPO_DISTANCE = 2;

function didYouMean(ctx: FeatureContext, file: string, d: Diagnostic): CodeAction | undefined {
  const name = textAt(ctx, file, d.range);
  if (!name || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name) || name.length > 128) return undefined;
  const m = moduleAtPosition(ctx.host.model.index, file, d.range.start);
  if (!m) return undefined;
  const names = [...new Set(moduleTable(m).symbols.filter((s) => s.kind === 'port' || s.kind === 'net' || s.kind === 'parameter').map((s) => s.name))];
  const limit = Math.min(MAX_TYPO_DISTANCE, Math.max(1, Math.floor(name.length / 3)));
  let best: { name: string; distance: number } | undefined;
  for (const n of names.slice(0, 5000)) {
    if (n === name) continue;
    const dist = editDistance(name, n, limit);
    if (dist <= limit && (!best || dist < best.distance || (dist === best.distance && n < best.name))) best = { name: n, distance: dist };
  }
  if (!best) return undefined;
  return { title: `Did you mean \`${best.name}\`? Change to \`${best.name}\``, kind: 'quickfix', diagnostics: [d], isPreferred: true, edits: one(file, { range: d.range, newText: best.name }) };
}

/** Levenshtein distance, cut off above `limit` (returns limit + 1). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

// ---------------------------------------------------------------- declare an undeclared net

function declareNet(ctx: FeatureContext, file: string, d: Diagnostic): CodeAction | undefined {
  const name = textAt(ctx, file, d.range);
  if (!name || !/^[A-Za-z_][A-Za-z0-9_$]*$/.test(name)) return undefined;
  const index = ctx.host.model.index;
  const m = moduleAtPosition(index, file, d.range.start);
  const li = lineIndexOf(ctx, file);
  if (!m || !li) return undefined;
  const found = usesOf(m, name);
  if (!found.length) return undefined;
  const view = designFor(ctx.host.model, m.name);
  const body = view ? modulesNamed(view.design, m.name)[0] : undefined;
  const widthOfName = (n: string) => body?.nets.find((x) => x.name === n)?.width;
  const param = (n: string) => {
    const p = body?.params.find((x) => x.name === n);
    return p ? Number(p.value) : undefined;
  };
  let width: number | undefined;
  let procedural = false;
  for (const u of found) {
    procedural ||= u.procedural && u.side === 'lhs';
    if (width !== undefined) continue;
    if (u.side === 'lhs' && u.other) width = inferWidth(u.other, widthOfName, param);
    else if (u.side === 'rhs' && u.other) width = inferWidth(u.other, widthOfName, param);
    else if (u.side === 'port' && u.inst) width = portWidth(ctx, m, u.inst, u.port!);
  }
  const sv = /\.(sv|svh)$/i.test(file);
  const kind = sv ? 'logic' : procedural ? 'reg' : 'wire';
  const w = width ?? 1;
  const decl = `${kind}${w > 1 ? ` [${w - 1}:0]` : ''} ${name};`;
  const item = found[0].item;
  const line = item.loc.range.start.line;
  const indent = /^[ \t]*/.exec(li.text.slice(li.lineStart(line)))![0];
  return {
    title: `Declare \`${decl}\``,
    kind: 'quickfix',
    diagnostics: [d],
    isPreferred: true,
    edits: one(file, { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${decl}\n` }),
  };
}

interface Use {
  /** The module item (or generate-level item) that holds the use: the declaration goes before it. */
  item: ModuleItem;
  side: 'lhs' | 'rhs' | 'port' | 'other';
  /** The other side of the assignment, whose width the name takes. */
  other?: Expr;
  procedural: boolean;
  inst?: Instance;
  port?: string;
}

/** The places `name` is used as a whole operand: assigned, assigned from, or connected to a port. */
function usesOf(m: ModuleDecl, name: string): Use[] {
  const out: Use[] = [];
  const isName = (e: Expr | undefined) => e?.kind === 'ident' && e.name === name;
  const mentions = (e: unknown): boolean => {
    if (!e || typeof e !== 'object') return false;
    const o = e as Record<string, unknown>;
    if (o.kind === 'ident' && o.name === name) return true;
    return Object.entries(o).some(([k, v]) => k !== 'loc' && !k.endsWith('Loc') && (Array.isArray(v) ? v.some(mentions) : typeof v === 'object' && mentions(v)));
  };
  const stmts = (item: ModuleItem, s: unknown): void => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    if (o.kind === 'assign' && 'blocking' in o) {
      const lhs = o.lhs as Expr;
      const rhs = o.rhs as Expr;
      if (isName(lhs)) out.push({ item, side: 'lhs', other: rhs, procedural: true });
      else if (isName(rhs)) out.push({ item, side: 'rhs', other: lhs, procedural: true });
    }
    for (const [k, v] of Object.entries(o)) if (k !== 'loc' && !k.endsWith('Loc')) (Array.isArray(v) ? v : [v]).forEach((x) => stmts(item, x));
  };
  const walk = (items: ModuleItem[]) => {
    for (const it of items) {
      if (it.kind === 'assign') {
        if (isName(it.lhs)) out.push({ item: it, side: 'lhs', other: it.rhs, procedural: false });
        else if (isName(it.rhs)) out.push({ item: it, side: 'rhs', other: it.lhs, procedural: false });
        else if (mentions(it)) out.push({ item: it, side: 'other', procedural: false });
      } else if (it.kind === 'always') {
        const before = out.length;
        stmts(it, it.body);
        if (out.length === before && mentions(it)) out.push({ item: it, side: 'other', procedural: false });
      } else if (it.kind === 'instance') {
        for (const c of it.connections) if (isName(c.expr) && c.name) out.push({ item: it, side: 'port', procedural: false, inst: it, port: c.name });
        if (!out.some((u) => u.item === it) && mentions(it)) out.push({ item: it, side: 'other', procedural: false });
      } else if (it.kind === 'gen-for') walk(it.body.items);
      else if (it.kind === 'gen-block') walk(it.items);
      else if (it.kind === 'gen-if') {
        if (it.then) walk(it.then.items);
        if (it.else) walk(it.else.items);
      } else if (it.kind === 'gen-case') {
        for (const c of it.items) if (c.body) walk(c.body.items);
      } else if (mentions(it)) out.push({ item: it, side: 'other', procedural: false });
    }
  };
  walk(m.items);
  out.sort((a, b) => a.item.loc.range.start.line - b.item.loc.range.start.line);
  return out;
}

function portWidth(ctx: FeatureContext, m: ModuleDecl, inst: Instance, port: string): number | undefined {
  for (const b of childBodies(ctx, m, inst)) {
    const n = b.ports.map((id) => b.nets[id]).find((x) => x?.name === port);
    if (n) return n.width;
  }
  return undefined;
}

// ---------------------------------------------------------------- width fixes

function fixWidth(ctx: FeatureContext, file: string, d: Diagnostic): CodeAction[] {
  const nums = /(\d+)-bit target assigned a (\d+)-bit/.exec(d.message) ?? /is (\d+) bits wide but connected to a (\d+)-bit/.exec(d.message);
  if (!nums) return [];
  const target = Number(nums[1]);
  const width = Number(nums[2]);
  const text = textAt(ctx, file, d.range);
  if (!text || target <= 0 || width <= 0 || target === width || text.includes('\n')) return [];
  const index = ctx.host.model.index;
  const m = moduleAtPosition(index, file, d.range.start);
  if (!m) return [];
  const view = designFor(ctx.host.model, m.name);
  const body = view ? modulesNamed(view.design, m.name)[0] : undefined;
  const simple = /^[A-Za-z_][A-Za-z0-9_$]*$/.test(text);
  const net = simple ? body?.nets.find((n) => n.name === text) : undefined;
  // An output port's connection is written to: it can be part-selected but not extended.
  const isOutputConn = d.code === 'sem-port-width' && outputConnection(ctx, m, d.range);
  const sv = /\.(sv|svh)$/i.test(file);
  const edit = (newText: string) => one(file, { range: d.range, newText });
  const actions: CodeAction[] = [];
  if (width > target) {
    if (simple && net && net.msb >= net.lsb) {
      const lsb = net.lsb;
      actions.push({ title: `Select the low ${target} bits: ${text}[${lsb + target - 1}:${lsb}]`, kind: 'quickfix', diagnostics: [d], isPreferred: true, edits: edit(`${text}[${lsb + target - 1}:${lsb}]`) });
    } else if (sv && !isOutputConn) {
      actions.push({ title: `Cast to ${target} bits: ${target}'(${text})`, kind: 'quickfix', diagnostics: [d], isPreferred: true, edits: edit(`${target}'(${text})`) });
    }
  } else if (!isOutputConn) {
    const pad = target - width;
    const operand = simple || /^[\w$]+\s*\[[^\]]*\]$/.test(text) || /^\{.*\}$/.test(text) ? text : `(${text})`;
    actions.push({ title: `Zero-extend to ${target} bits`, kind: 'quickfix', diagnostics: [d], isPreferred: !net?.signed, edits: edit(`{{${pad}{1'b0}}, ${operand}}`) });
    if (simple && net) {
      const msb = net.msb >= net.lsb ? net.lsb + width - 1 : undefined;
      if (msb !== undefined) actions.push({ title: `Sign-extend to ${target} bits`, kind: 'quickfix', diagnostics: [d], isPreferred: !!net.signed, edits: edit(`{{${pad}{${text}[${msb}]}}, ${text}}`) });
    }
  }
  return actions;
}

function outputConnection(ctx: FeatureContext, m: ModuleDecl, r: Range): boolean {
  const index = ctx.host.model.index;
  const inst = instanceAt(m, r.start);
  if (!inst) return false;
  const c = inst.connections.find((x) => x.expr && x.expr.loc.range.start.line === r.start.line && x.expr.loc.range.start.character === r.start.character);
  const child = index.module(inst.moduleName);
  const port = c?.name ?? (c ? child?.portOrder[inst.connections.indexOf(c)] : undefined);
  const dir = child?.ports.find((p) => p.name === port)?.dir;
  return dir === 'output' || dir === 'inout';
}
