#!/usr/bin/env node
/**
 * `node scripts/accuracy/cell-table.mjs [--check]`: regenerates server/src/estimate/aig/cells.ts,
 * the combinational cells the bit-level network is mapped onto (`aig/map.ts`), from the shipped
 * reduced ASAP7 liberty (server/src/synth/liberty/asap7-rvt-tt.full.lib.gz): each single-output
 * cell of at most 4 inputs that the reference flow may use (its DONT_USE list excludes the
 * x1p* / xp* drive strengths, SDF* and ICG*), with its area and its function as a truth table
 * over its inputs; of the cells with the same function only the smallest is kept. Facts (names,
 * areas, functions) only. `--check` exits 1 when the committed table differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LIB = path.join(root, 'server/src/synth/liberty/asap7-rvt-tt.full.lib.gz');
const OUT = path.join(root, 'server/src/estimate/aig/cells.ts');
// the reference flow's default DONT_USE (shared/tools/synth-groundtruth.sh)
const DONT_USE = [/x1p/, /xp\d/, /^SDF/, /^ICG/];
const MAX_INPUTS = 4;

const text = gunzipSync(readFileSync(LIB)).toString('utf8');

/** Index just past the `}` that closes a block whose body starts at `from`. */
function blockEnd(src, from) {
  let depth = 1;
  let j = from;
  for (; j < src.length && depth > 0; j++) {
    if (src[j] === '{') depth++;
    else if (src[j] === '}') depth--;
  }
  return j;
}

/** Cells as {name, area, pins: [{name, dir, fn}], seq} by a brace-matching scan. */
function cells(src) {
  const out = [];
  const re = /\bcell\s*\(\s*"?([A-Za-z0-9_]+)"?\s*\)\s*\{/g;
  let m;
  while ((m = re.exec(src))) {
    const j = blockEnd(src, re.lastIndex);
    const body = src.slice(re.lastIndex, j);
    re.lastIndex = j;
    const area = Number(/\barea\s*:\s*([0-9.eE+-]+)/.exec(body)?.[1]);
    const seq = /\b(ff|latch|statetable)\s*\(/.test(body);
    const pins = [];
    const pre = /\bpin\s*\(\s*"?([A-Za-z0-9_]+)"?\s*\)\s*\{/g;
    let p;
    while ((p = pre.exec(body))) {
      const k = blockEnd(body, pre.lastIndex);
      const pb = body.slice(pre.lastIndex, k);
      pre.lastIndex = k;
      const dir = /\bdirection\s*:\s*(\w+)/.exec(pb)?.[1];
      const fn = /\bfunction\s*:\s*"([^"]*)"/.exec(pb)?.[1];
      if (!pins.some((x) => x.name === p[1])) pins.push({ name: p[1], dir, fn });
      else if (dir) pins.find((x) => x.name === p[1]).dir ??= dir;
    }
    out.push({ name: m[1], area, pins, seq });
  }
  return out;
}

/** Evaluates a liberty function (! ' * & + | ^ and parentheses, juxtaposition as AND). */
function evaluate(fn, env) {
  let i = 0;
  const s = fn.replace(/\s+/g, ' ');
  const peek = () => {
    while (s[i] === ' ') i++;
    return s[i];
  };
  const atom = () => {
    const c = peek();
    if (c === '!') {
      i++;
      return !atom();
    }
    let v;
    if (c === '(') {
      i++;
      v = or();
      peek();
      i++; // ')'
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*|^[01]/.exec(s.slice(i));
      if (!m) throw new Error(`bad function ${fn} at ${i}`);
      i += m[0].length;
      v = m[0] === '1' ? true : m[0] === '0' ? false : env[m[0]];
      if (v === undefined) throw new Error(`unknown pin ${m[0]} in ${fn}`);
    }
    while (peek() === "'") {
      i++;
      v = !v;
    }
    return v;
  };
  const and = () => {
    let v = atom();
    for (;;) {
      const c = peek();
      if (c === '*' || c === '&') {
        i++;
        v = atom() && v;
      } else if (c !== undefined && (c === '(' || c === '!' || /[A-Za-z_]/.test(c))) v = atom() && v;
      else return v;
    }
  };
  const xor = () => {
    let v = and();
    while (peek() === '^') {
      i++;
      v = and() !== v;
    }
    return v;
  };
  const or = () => {
    let v = xor();
    while (peek() === '+' || peek() === '|') {
      i++;
      v = xor() || v;
    }
    return v;
  };
  return or();
}

const rows = [];
for (const c of cells(text)) {
  if (c.seq || !Number.isFinite(c.area) || DONT_USE.some((r) => r.test(c.name))) continue;
  const outs = c.pins.filter((p) => p.dir === 'output');
  const ins = c.pins.filter((p) => p.dir === 'input').map((p) => p.name);
  if (outs.length !== 1 || !outs[0].fn || ins.length === 0 || ins.length > MAX_INPUTS) continue;
  let tt = 0;
  for (let m = 0; m < 1 << ins.length; m++) {
    const env = {};
    ins.forEach((n, k) => (env[n] = ((m >> k) & 1) === 1));
    if (evaluate(outs[0].fn, env)) tt |= 1 << m;
  }
  rows.push({ name: c.name, area: c.area, inputs: ins.length, tt, fn: outs[0].fn });
}
// smallest cell per (inputs, function)
const best = new Map();
for (const r of rows) {
  const k = `${r.inputs}:${r.tt}`;
  const b = best.get(k);
  if (!b || r.area < b.area || (r.area === b.area && r.name < b.name)) best.set(k, r);
}
const kept = [...best.values()].sort((a, b) => a.inputs - b.inputs || a.area - b.area || a.name.localeCompare(b.name));
const body = kept.map((r) => `  ['${r.name.replace(/_ASAP7_75t_R$/, '')}', ${r.inputs}, 0x${r.tt.toString(16)}, ${r.area}], // ${r.fn}`).join('\n');
const out = `/**
 * The combinational cells of the reference library the bit-level network is mapped onto
 * (\`map.ts\`): [name, inputs, truth table over the inputs (bit m = output for input bits m), area
 * µm²], the smallest cell per function, from the ASAP7 RVT TT liberty shipped with the synthesis
 * tier minus the reference flow's DONT_USE cells. Generated by scripts/accuracy/cell-table.mjs;
 * do not edit.
 */
export const CELLS: ReadonlyArray<readonly [string, number, number, number]> = [
${body}
];
`;
if (process.argv.includes('--check')) {
  const cur = readFileSync(OUT, 'utf8');
  if (cur !== out) {
    console.error(`${path.relative(root, OUT)} is out of date: run node scripts/accuracy/cell-table.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(root, OUT)} up to date (${kept.length} cells)`);
} else {
  writeFileSync(OUT, out);
  console.log(`wrote ${path.relative(root, OUT)}: ${kept.length} cells of ${rows.length}`);
}
