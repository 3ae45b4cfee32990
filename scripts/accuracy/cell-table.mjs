#!/usr/bin/env node
/**
 * `node scripts/accuracy/cell-table.mjs [--check]`: regenerates server/src/estimate/aig/cells.ts,
 * the combinational cells the bit-level network is mapped onto (`aig/map.ts`), from the shipped
 * reduced ASAP7 liberty (server/src/synth/liberty/asap7-rvt-tt.full.lib.gz): each single-output
 * cell of at most 4 inputs that the reference flow may use (its DONT_USE list excludes the
 * x1p* / xp* drive strengths, SDF* and ICG*), with its area, its function as a truth table over
 * its inputs and its timing (a line through the NLDM delay tables at a typical slew, the mean
 * input pin capacitance); of the cells with the same function only the smallest is kept; and the
 * fanout buffer's timing and a flop's D pin load. Facts (names, areas, functions, delays) only.
 * Its own group scanner: server/src/synth/liberty.ts only strips power groups and reads areas.
 * `--check` exits 1 when the committed table differs.
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
const BUFFER = 'BUFx4';
const FLOP = 'DFFHQNx1';

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

/** Each `kind ("name") { body }` group of `src`, in order, as [name, body] (a brace-matching scan). */
function* groups(src, kind) {
  const re = new RegExp(`\\b${kind}\\s*\\(\\s*"?([A-Za-z0-9_]+)"?\\s*\\)\\s*\\{`, 'g');
  let m;
  while ((m = re.exec(src))) {
    const j = blockEnd(src, re.lastIndex);
    const body = src.slice(re.lastIndex, j);
    re.lastIndex = j;
    yield [m[1], body];
  }
}

/** Cells as {name, area, pins: [{name, dir, fn}], seq} by a brace-matching scan. */
function cells(src) {
  const out = [];
  for (const [name, body] of groups(src, 'cell')) {
    const area = Number(/\barea\s*:\s*([0-9.eE+-]+)/.exec(body)?.[1]);
    const seq = /\b(ff|latch|statetable)\s*\(/.test(body);
    const pins = [];
    for (const [pin, pb] of groups(body, 'pin')) {
      const dir = /\bdirection\s*:\s*(\w+)/.exec(pb)?.[1];
      const fn = /\bfunction\s*:\s*"([^"]*)"/.exec(pb)?.[1];
      const cap = Number(/\bcapacitance\s*:\s*([0-9.eE+-]+)/.exec(pb)?.[1]);
      if (!pins.some((x) => x.name === pin)) pins.push({ name: pin, dir, fn, cap, delays: dir === 'output' ? delayTables(pb) : [] });
      else if (dir) pins.find((x) => x.name === pin).dir ??= dir;
    }
    out.push({ name, area, pins, seq });
  }
  return out;
}

/** The cell_rise / cell_fall tables of an output pin's timing groups: {index_1, index_2, values}. */
function delayTables(pb) {
  const out = [];
  const re = /\b(cell_rise|cell_fall)\s*\([^)]*\)\s*\{([^}]*)\}/g;
  let m;
  while ((m = re.exec(pb))) {
    const nums = (k) => (new RegExp(`\\b${k}\\s*\\(([^)]*)\\)`).exec(m[2])?.[1] ?? '').replace(/[\\"\s]+/g, ' ').trim().split(/\s*,\s*|\s+/).filter(Boolean).map(Number);
    const i1 = nums('index_1');
    const i2 = nums('index_2');
    const v = nums('values');
    if (i1.length && i2.length && v.length === i1.length * i2.length) out.push({ i1, i2, v });
  }
  return out;
}

/**
 * Delay of a cell at the typical input slew SLEW_PS as intrinsic + slope × load: the least-squares
 * line through the tables' points at loads up to MAX_FIT_LOAD_FF, averaged over the rise and fall
 * tables of every input pin's arc. [intrinsic ps, ps per fF].
 */
const SLEW_PS = 20;
const MAX_FIT_LOAD_FF = 6;
function linearDelay(tables) {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const t of tables) {
    const r = t.i1.indexOf(SLEW_PS);
    if (r < 0) continue;
    for (let c = 0; c < t.i2.length; c++) {
      const x = t.i2[c];
      if (x > MAX_FIT_LOAD_FF) continue;
      const y = t.v[r * t.i2.length + c];
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      sxy += x * y;
    }
  }
  if (n < 2) return [NaN, NaN];
  const k = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return [(sy - k * sx) / n, k];
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
  const [d0, k] = linearDelay(outs[0].delays);
  const caps = c.pins.filter((p) => p.dir === 'input').map((p) => p.cap);
  const cin = caps.reduce((a, b) => a + b, 0) / caps.length;
  rows.push({ name: c.name, area: c.area, inputs: ins.length, tt, fn: outs[0].fn, d0, k, cin });
}
// smallest cell per (inputs, function)
const best = new Map();
for (const r of rows) {
  const k = `${r.inputs}:${r.tt}`;
  const b = best.get(k);
  if (!b || r.area < b.area || (r.area === b.area && r.name < b.name)) best.set(k, r);
}
const kept = [...best.values()].sort((a, b) => a.inputs - b.inputs || a.area - b.area || a.name.localeCompare(b.name));
const f = (x, d) => Number(x.toFixed(d));
const body = kept.map((r) => `  ['${r.name.replace(/_ASAP7_75t_R$/, '')}', ${r.inputs}, 0x${r.tt.toString(16)}, ${r.area}, ${f(r.d0, 2)}, ${f(r.k, 3)}, ${f(r.cin, 3)}], // ${r.fn}`).join('\n');
// the buffer the reference flow's \`buffer\` step drives large fanouts with, and its D pin load
const buf = rows.find((r) => r.name === `${BUFFER}_ASAP7_75t_R`);
const ff = cells(text).find((c) => c.name === `${FLOP}_ASAP7_75t_R`);
const dCap = ff?.pins.find((p) => p.name === 'D')?.cap;
const out = `/**
 * The combinational cells of the reference library the bit-level network is mapped onto
 * (\`map.ts\`): [name, inputs, truth table over the inputs (bit m = output for input bits m), area
 * µm², intrinsic delay ps, delay per fF of load ps, mean input pin capacitance fF], the smallest
 * cell per function, from the ASAP7 RVT TT liberty shipped with the synthesis tier minus the
 * reference flow's DONT_USE cells. Delay: the least-squares line through the NLDM cell_rise and
 * cell_fall tables at ${SLEW_PS} ps input slew and loads up to ${MAX_FIT_LOAD_FF} fF, averaged over
 * the arcs. Generated by scripts/accuracy/cell-table.mjs; do not edit.
 */
export const CELLS: ReadonlyArray<readonly [string, number, number, number, number, number, number]> = [
${body}
];

/** ${BUFFER}, the buffer of large fanouts: [intrinsic ps, ps per fF, input capacitance fF]. */
export const BUFFER_CELL: readonly [number, number, number] = [${f(buf.d0, 2)}, ${f(buf.k, 3)}, ${f(buf.cin, 3)}];

/** Capacitance of a flop's D pin (${FLOP}), fF: the load a network output drives. */
export const FLOP_D_CAP_FF = ${f(dCap, 3)};
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
