/**
 * Elaboration: time to elaborate the generated 50k-line design and the largest shared design
 * (cold = first in a fresh process, warm = from scratch with a warm JIT, cached = nothing changed),
 * the edit -> refreshed semantic diagnostics latency for an edit inside one module of a 20-module
 * design (one module per file, through AnalysisHost.change + diagnostics), and the time to cut off a
 * runaway generate loop at the default limit. Runs probes/elaboration-probe.ts in a fresh process.
 *
 * In `npm run bench` (listed in run.mjs), or on its own:
 *   node scripts/bench/sections/elaboration.mjs [--lines 50000] [--edits 200]
 * (on its own it needs dist/ built for the grammar: `npm run build`).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDesign } from '../gen-design.mjs';
import { bundle, DIST, ROOT, row, timed, WORK, runAlone } from '../support.mjs';

const EDIT_TARGET = { op: '<=', value: 30 };
const SHARED = path.resolve(ROOT, '..', 'shared', 'designs', 'big_generated', 'big_generated.v');

/**
 * A 20-module design, one module per file: three generated groups (18 modules), their top, and a
 * wrapper over that top, so an edit in a leaf has a chain of three instantiators above it.
 */
export function writeTwentyModuleDesign(dir) {
  let text = '';
  for (let lines = 100; ; lines += 100) {
    const d = generateDesign({ targetLines: lines, seed: 3 });
    if (d.modules >= 19) {
      if (d.modules !== 19) throw new Error(`expected 19 generated modules, got ${d.modules}`);
      text = d.text;
      break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const mods = [...text.matchAll(/(?:^\/\/[^\n]*\n)*^module\s+(\w+)[\s\S]*?^endmodule\s*$/gm)];
  const names = [];
  for (const m of mods) {
    names.push(m[1]);
    writeFileSync(path.join(dir, `${m[1]}.v`), '`timescale 1ns/1ps\n' + m[0] + '\n');
  }
  if (!names.includes('accel_top')) throw new Error('generated design has no accel_top');
  const top = /^module accel_top\s*\(([\s\S]*?)\);/m.exec(text);
  const ports = [...top[1].matchAll(/(input|output)\s+wire\s*(\[[^\]]*\])?\s*(\w+)/g)];
  const decl = ports.map((p) => `  ${p[1]} wire ${p[2] ?? ''} ${p[3]}`.replace(/\s+/g, ' ')).join(',\n');
  const conns = ports.map((p) => `    .${p[3]}(${p[3]})`).join(',\n');
  writeFileSync(path.join(dir, 'chip_top.v'), `\`timescale 1ns/1ps\nmodule chip_top (\n${decl}\n);\n  accel_top u_core (\n${conns}\n  );\nendmodule\n`);
  names.push('chip_top');
  return names;
}

const section = {
  id: 'elaboration',
  title: 'Elaboration',
  async run(ctx) {
    const big = ctx.designs?.big?.file ?? (() => {
      const d = generateDesign({ targetLines: ctx.lines ?? 50_000, seed: 1 });
      const f = path.join(WORK, `design-${ctx.lines ?? 50_000}.v`);
      writeFileSync(f, d.text);
      return f;
    })();
    const editDir = path.join(WORK, 'design-20-modules');
    writeTwentyModuleDesign(editDir);
    const probe = await bundle(path.join(ROOT, 'scripts', 'bench', 'probes', 'elaboration-probe.ts'), 'elaboration-probe');
    const spec = { big, shared: existsSync(SHARED) ? SHARED : undefined, editDir, edits: ctx.edits ?? 200, limitRuns: 3 };
    const r = timed(process.execPath, ['--max-old-space-size=4096', probe, JSON.stringify(spec)], { env: { ...process.env, PPA_LENS_ASSETS: DIST } });
    if (r.status !== 0) throw new Error(`elaboration probe failed: ${r.stderr || r.error}`);
    const p = JSON.parse(r.stdout);
    if (ctx.raw) ctx.raw.elaborationProbe = p;
    const rows = [];
    for (const [key, label] of [['big', 'generated'], ['shared', 'shared big_generated']]) {
      const d = p[key];
      if (!d) continue;
      const note = `${d.lines} lines, ${d.modules} modules, ${d.instances} instances, ${d.errors} errors; AST lowering ${d.lowerMs.toFixed(0)} ms`;
      rows.push(row(`${label} (${d.lines} lines): cold`, d.coldMs, 'ms', { note }));
      rows.push(row(`${label}: warm, from scratch`, d.warmMs, 'ms', { note: 'JIT warm, per-module cache dropped' }));
      rows.push(row(`${label}: nothing changed`, d.cachedMs, 'ms', { note: 'per-module cache' }));
    }
    const e = p.edit;
    rows.push(row('edit -> semantic diagnostics, 20 modules, p50', e.p50Ms, 'ms', { note: `${e.edits} edits in ${e.editedFile}; ${e.modules} modules in ${e.files} files` }));
    rows.push(row('edit -> semantic diagnostics, 20 modules, p95', e.p95Ms, 'ms', { target: EDIT_TARGET, note: `max ${e.maxMs.toFixed(1)} ms; re-elaborated ${e.modulesReelaboratedPerEdit} modules per edit (median)` }));
    rows.push(row('same, CPU time of the process, p50', e.cpuP50Ms, 'ms', { note: 'wall-clock minus the waits of a busy machine' }));
    rows.push(row('same, CPU time of the process, p95', e.cpuP95Ms, 'ms', { target: EDIT_TARGET }));
    rows.push(row('runaway generate loop cut off (default limit)', p.limit.medianMs, 'ms', { target: { op: '<=', value: 2000 }, note: p.limit.message }));
    return rows;
  },
};
export default section;

if (process.argv[1] === fileURLToPath(import.meta.url)) await runAlone(section, { lines: '50000', edits: '200' }, [56, 4]);
