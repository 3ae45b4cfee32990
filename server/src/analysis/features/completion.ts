/**
 * Completion. The context comes from the text before the cursor (the AST of a line being typed is
 * usually broken): inside `name #( . | )` the parameters of `name`, inside `name [#(...)] inst ( . | )`
 * the ports of `name` not connected yet, with their direction and range; elsewhere in a module the
 * signals, parameters and instances in scope, the module names of the workspace and keywords.
 */
import type { Position } from '../../base/text';
import type { ModuleDecl } from '../../semantic';
import { allModules, designFor, membersAfter, modulesNamed, moduleAtPosition, moduleTable, rangeText, type SymbolDecl } from '../../semantic/query';
import { lineIndexOf, validPosition, type FeatureContext } from './context';
import { BODY_KEYWORDS } from './keywords';

export type CompletionKind = 'module' | 'port' | 'parameter' | 'net' | 'instance' | 'function' | 'keyword';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Sorts within the list: lower first. */
  sortText: string;
}

const MAX_MODULES = 2000;

export function completion(ctx: FeatureContext, file: string, pos: Position): CompletionItem[] {
  if (!validPosition(ctx, file, pos)) return [];
  const li = lineIndexOf(ctx, file);
  if (!li) return [];
  const text = li.text;
  const offset = li.offsetAt(pos);
  let start = offset;
  while (start > 0 && /[\w$]/.test(text[start - 1])) start--;
  const afterDot = text[start - 1] === '.';
  const index = ctx.host.model.index;
  // SystemVerilog: `pkg::` lists the package's names; `sig.` a struct's members or an interface's signals
  if (text.slice(start - 2, start) === '::') {
    const pkgName = wordBefore(text, start - 3);
    const pkg = pkgName ? index.package(pkgName.word) : undefined;
    return pkg ? packageItems(pkg) : [];
  }
  const list = enclosingList(text, start);
  if (afterDot && !list) {
    const m = moduleAtPosition(index, file, pos);
    return m ? memberItems(ctx, m, text, start - 1, pos) : [];
  }
  if (list && afterDot) {
    const child = index.module(list.module);
    if (child) return list.params ? paramItems(ctx, child) : portItems(ctx, child, text.slice(list.open, offset));
    return [];
  }
  if (afterDot) return [];
  const m = moduleAtPosition(index, file, pos);
  const items: CompletionItem[] = [];
  if (m) items.push(...scopeItems(ctx, m, pos));
  const atStatementStart = /(^|[;\n]|\bbegin|\bend|\bgenerate|\)\s*)\s*$/.test(text.slice(Math.max(0, start - 200), start));
  if (!list && (atStatementStart || !m)) {
    let n = 0;
    for (const mod of allModules(index)) {
      if (n++ >= MAX_MODULES) break;
      if (!items.some((i) => i.kind === 'module' && i.label === mod.name))
        items.push({ label: mod.name, kind: 'module', detail: `module (${mod.portOrder.length} ports)`, sortText: `2${mod.name}` });
    }
    for (const k of m ? BODY_KEYWORDS : ['module', 'endmodule', 'parameter', 'input', 'output']) items.push({ label: k, kind: 'keyword', sortText: `3${k}` });
  }
  return items;
}

/** The instantiation list the cursor is in: `mod #(` (params) or `mod [#(...)] inst (` (ports). */
function enclosingList(text: string, at: number): { module: string; params: boolean; open: number } | undefined {
  let depth = 0;
  let i = at - 1;
  const stop = Math.max(0, at - 20_000);
  for (; i >= stop; i--) {
    const c = text[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) break;
      depth--;
    } else if (c === ';' && depth === 0) return undefined;
  }
  if (i < stop || text[i] !== '(') return undefined;
  const open = i;
  let j = skipSpace(text, open - 1);
  if (text[j] === '#') {
    const name = wordBefore(text, skipSpace(text, j - 1));
    return name ? { module: name.word, params: true, open } : undefined;
  }
  // instance name (maybe with an array range), then `)` of #(...) or the module name
  if (text[j] === ']') {
    while (j > 0 && text[j] !== '[') j--;
    j = skipSpace(text, j - 1);
  }
  const inst = wordBefore(text, j);
  if (!inst) return undefined;
  j = skipSpace(text, inst.start - 1);
  if (text[j] === ')') {
    let d = 0;
    for (; j >= 0; j--) {
      if (text[j] === ')') d++;
      else if (text[j] === '(' && --d === 0) break;
    }
    j = skipSpace(text, j - 1);
    if (text[j] !== '#') return undefined;
    j = skipSpace(text, j - 1);
  }
  const mod = wordBefore(text, j);
  return mod ? { module: mod.word, params: false, open } : undefined;
}

function skipSpace(text: string, i: number): number {
  while (i >= 0 && /\s/.test(text[i])) i--;
  return i;
}

function wordBefore(text: string, end: number): { word: string; start: number } | undefined {
  let s = end;
  while (s >= 0 && /[\w$]/.test(text[s])) s--;
  const word = text.slice(s + 1, end + 1);
  return /^[A-Za-z_][\w$]*$/.test(word) ? { word, start: s + 1 } : undefined;
}

function paramItems(ctx: FeatureContext, child: ModuleDecl): CompletionItem[] {
  const view = designFor(ctx.host.model, child.name);
  const body = view ? modulesNamed(view.design, child.name)[0] : undefined;
  return moduleTable(child)
    .symbols.filter((s) => s.kind === 'parameter' && s.scope === '' && s.param?.overridable !== false && !s.param?.local)
    .map((s, i) => {
      const v = body?.params.find((p) => p.name === s.name);
      return { label: s.name, kind: 'parameter' as const, detail: v ? `parameter = ${v.value}` : 'parameter', sortText: `0${String(i).padStart(4, '0')}` };
    });
}

function portItems(ctx: FeatureContext, child: ModuleDecl, listText: string): CompletionItem[] {
  const connected = new Set([...listText.matchAll(/\.\s*([A-Za-z_][\w$]*)\s*[(,)]/g)].map((x) => x[1]));
  const view = designFor(ctx.host.model, child.name);
  const body = view ? modulesNamed(view.design, child.name)[0] : undefined;
  return child.portOrder
    .filter((p) => !connected.has(p))
    .map((p, i) => {
      const decl = child.ports.find((x) => x.name === p);
      const net = body?.ports.map((id) => body.nets[id]).find((n) => n?.name === p);
      const detail = [decl?.dir, net ? rangeText(net) || '1 bit' : undefined].filter(Boolean).join(' ');
      return { label: p, kind: 'port' as const, detail, sortText: `0${String(i).padStart(4, '0')}` };
    });
}

const KIND_OF: Record<SymbolDecl['kind'], CompletionKind | undefined> = {
  module: undefined,
  port: 'port',
  net: 'net',
  parameter: 'parameter',
  instance: 'instance',
  function: 'function',
  genvar: 'net',
  block: undefined,
  package: undefined,
  modport: undefined,
  type: 'net',
  'enum-member': 'parameter',
  field: 'net',
};

/** The names a package declares: constants, types, functions and enum literals. */
function packageItems(pkg: ModuleDecl): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const s of moduleTable(pkg).symbols) {
    const kind = KIND_OF[s.kind];
    if (!kind || s.scope !== '' || s.kind === 'module') continue;
    out.push({ label: s.name, kind, detail: s.kind === 'enum-member' ? 'enum literal' : s.kind, sortText: `1${s.name}` });
  }
  return out;
}

/**
 * After `x.` (x maybe indexed, maybe itself a member: `a[0].b.`): the members of x's struct type,
 * or the signals of x's interface, at any depth.
 */
function memberItems(ctx: FeatureContext, m: ModuleDecl, text: string, dot: number, pos: Position): CompletionItem[] {
  const chain: string[] = [];
  let j = dot - 1;
  for (let level = 0; level < 16; level++) {
    for (let guard = 0; guard < 16 && text[j] === ']'; guard++) {
      let d = 0;
      for (; j >= 0 && j > dot - 2000; j--) {
        if (text[j] === ']') d++;
        else if (text[j] === '[' && --d === 0) break;
      }
      j--;
    }
    const w = wordBefore(text, j);
    if (!w) return [];
    chain.unshift(w.word);
    if (text[w.start - 1] !== '.') break;
    j = w.start - 2;
  }
  return membersAfter(m, pos, chain).map((s) => ({
    label: s.name,
    kind: 'net' as const,
    detail: s.kind === 'field' ? 'struct member' : s.kind === 'modport' ? `${s.module} modport` : `${s.module} signal`,
    sortText: `1${s.name}`,
  }));
}

/** Names visible at a position: the module's own and those of the generate blocks around it. */
function scopeItems(ctx: FeatureContext, m: ModuleDecl, pos: Position): CompletionItem[] {
  void ctx;
  const table = moduleTable(m);
  const open = new Set(['', ...table.scopesAt(pos)]);
  const out: CompletionItem[] = [];
  const seen = new Set<string>();
  for (const s of table.symbols) {
    const kind = KIND_OF[s.kind];
    if (!kind || !open.has(s.scope) || seen.has(s.name)) continue;
    seen.add(s.name);
    const detail = s.kind === 'port' ? `${s.port!.dir} port` : s.kind === 'instance' ? s.instance!.moduleName : s.kind === 'net' ? (s.var?.dataKind ?? 'net') : s.kind;
    out.push({ label: s.name, kind, detail, sortText: `1${s.name}` });
  }
  // names imported with `import p::*` (enum literals, constants, types)
  for (const wc of table.wildcards) {
    const p = ctx.host.model.index.package(wc);
    if (!p) continue;
    for (const it of packageItems(p)) {
      if (seen.has(it.label)) continue;
      seen.add(it.label);
      out.push({ ...it, sortText: `1${it.label}` });
    }
  }
  return out;
}
