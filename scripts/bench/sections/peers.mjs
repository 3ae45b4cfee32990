/**
 * Issue 15's ratios, each measured against its peer in the same run (CPU seconds and peak memory
 * of whole processes, medians of `ctx.repeats`):
 *   - `ppa-lens estimate` against Yosys's word-level synthesis
 *     (`read_verilog; chparam; synth -top T -run begin:fine; stat`), on the shared designs and, when
 *     PPA_CORPUS names a folder holding the corpus (docs/CORPUS.md), on its Verilog designs of
 *     scripts/accuracy/corpus-designs.json; the median of the per-design ratios;
 *   - `ppa-lens check` of the EPFL flat netlists of 20k lines and more (PPA_CORPUS) against
 *     `iverilog -t null`, CPU and peak memory;
 *   - language server spawn -> first diagnostics on a 5-line file against `node -e 0`.
 * CPU and peak RSS of a child come from getrusage(RUSAGE_CHILDREN) in a python3 wrapper (python3 is
 * on every machine the project supports; Node cannot read a child's rusage).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DIST, median, ROOT, row, startServer, tool, WORK } from '../support.mjs';

const RUSAGE = [
  'import resource, subprocess, sys',
  'r = subprocess.run(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)',
  'u = resource.getrusage(resource.RUSAGE_CHILDREN)',
  'print(r.returncode, u.ru_utime + u.ru_stime, u.ru_maxrss)',
].join('\n');

/** CPU seconds and peak RSS (MB) of one run of a command: { status, cpuS, peakMb }. */
function rusage(cwd, cmd, args) {
  const r = spawnSync('python3', ['-c', RUSAGE, cwd, cmd, ...args], { encoding: 'utf8' });
  const [status, cpu, kb] = (r.stdout ?? '').trim().split(' ').map(Number);
  return { status: r.status === 0 ? status : -1, cpuS: cpu, peakMb: kb / 1024 };
}

/** Medians of `n` runs. */
function measured(n, cwd, cmd, args) {
  const runs = Array.from({ length: n }, () => rusage(cwd, cmd, args));
  return { status: runs[0].status, cpuS: median(runs.map((r) => r.cpuS)), peakMb: median(runs.map((r) => r.peakMb)) };
}

const SHARED_DESIGNS = path.resolve(ROOT, '..', 'shared', 'designs');

/** { name, dir, top, files, params, includeDirs } of the shared designs and the corpus's Verilog designs. */
function designs() {
  const out = [];
  if (existsSync(path.join(SHARED_DESIGNS, 'MANIFEST.tsv'))) {
    for (const l of readFileSync(path.join(SHARED_DESIGNS, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)) {
      const [name, top, files, , params] = l.split('\t');
      const p = Object.fromEntries((params ?? '').split(';').filter((kv) => kv.includes('=')).map((kv) => kv.split('=')));
      out.push({ name, dir: path.join(SHARED_DESIGNS, name), top, files: files.split(' '), params: p, includeDirs: [] });
    }
  }
  const corpus = process.env.PPA_CORPUS;
  if (corpus) {
    const spec = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'accuracy', 'corpus-designs.json'), 'utf8'));
    for (const d of spec.designs) {
      const dir = path.join(corpus, d.folder);
      if (d.files.some((f) => !f.endsWith('.v')) || !d.files.every((f) => existsSync(path.join(dir, f)))) continue;
      out.push({ name: `${d.folder}/${d.id}`, dir, top: d.top, files: d.files, params: d.params ?? {}, includeDirs: d.includeDirs ?? [] });
    }
  }
  return out;
}

function yosysScript(d) {
  const inc = d.includeDirs.map((i) => ` -I${i}`).join('');
  const params = Object.entries(d.params).map(([k, v]) => `chparam -set ${k} ${v} ${d.top}\n`).join('');
  return `read_verilog${inc} ${d.files.join(' ')}\n${params}synth -top ${d.top} -run begin:fine\nstat\n`;
}

export default {
  id: 'peers',
  title: 'Against peers, same run (issue 15)',
  async run(ctx) {
    const rows = [];
    const n = ctx.repeats;
    const cli = path.join(DIST, 'cli.js');
    mkdirSync(WORK, { recursive: true });

    // 1. estimate against Yosys's word-level synthesis
    if (!tool('yosys', ['-V'])) rows.push(row('estimate / yosys word-level, CPU', NaN, 'x', { note: 'yosys not installed' }));
    else {
      const ratios = [];
      for (const d of designs()) {
        const script = path.join(WORK, `yosys-${d.name.replace(/\W/g, '_')}.ys`);
        writeFileSync(script, yosysScript(d));
        const y = measured(n, d.dir, 'yosys', ['-q', '-s', script]);
        if (y.status !== 0) {
          rows.push(row(`estimate ${d.name}`, NaN, 'x', { note: `yosys 0.23 cannot read it (exit ${y.status}): no ratio` }));
          continue;
        }
        const args = ['estimate', '--no-config', '--allow-outside', '--process', 'asap7-reference', '--format', 'json', '--no-accel-sweep', '--top', d.top];
        for (const [k, v] of Object.entries(d.params)) args.push('-P', `${k}=${v}`);
        for (const i of d.includeDirs) args.push('-I', i);
        const ours = measured(n, d.dir, process.execPath, [cli, ...args, ...d.files]);
        if (ours.status !== 0 && ours.status !== 1) {
          rows.push(row(`estimate ${d.name}`, NaN, 'x', { note: `ppa-lens exit ${ours.status}` }));
          continue;
        }
        ratios.push(ours.cpuS / y.cpuS);
        rows.push(row(`estimate ${d.name}, CPU / yosys`, ours.cpuS / y.cpuS, 'x', { note: `ours ${(ours.cpuS * 1000).toFixed(0)} ms, yosys ${(y.cpuS * 1000).toFixed(0)} ms CPU` }));
      }
      rows.push(
        row('estimate / yosys word-level synthesis, CPU, median', median(ratios), 'x', {
          target: { op: '<=', value: 0.5 },
          note: `${ratios.length} designs${process.env.PPA_CORPUS ? '' : '; set PPA_CORPUS for the corpus designs'}`,
        }),
      );
    }

    // 2. check of a flat netlist against iverilog -t null
    const epfl = process.env.PPA_CORPUS ? path.join(process.env.PPA_CORPUS, 'epfl-arith', 'arithmetic') : undefined;
    const netlists = epfl && existsSync(epfl) ? ['multiplier.v', 'sqrt.v', 'log2.v'].filter((f) => existsSync(path.join(epfl, f))) : [];
    if (!netlists.length) rows.push(row('check / iverilog on a flat netlist', NaN, 'x', { note: 'PPA_CORPUS with epfl-arith/arithmetic not found' }));
    else if (!tool('iverilog', ['-V'])) rows.push(row('check / iverilog on a flat netlist', NaN, 'x', { note: 'iverilog not installed' }));
    else {
      const cpu = [];
      const mem = [];
      for (const f of netlists) {
        const lines = readFileSync(path.join(epfl, f), 'utf8').split('\n').length;
        const ours = measured(n, epfl, process.execPath, [cli, 'check', '--no-config', '--allow-outside', f]);
        const iv = measured(n, epfl, 'iverilog', ['-t', 'null', f]);
        cpu.push(ours.cpuS / iv.cpuS);
        mem.push(ours.peakMb / iv.peakMb);
        rows.push(
          row(`check ${f} (${lines} lines), CPU / iverilog`, ours.cpuS / iv.cpuS, 'x', {
            target: { op: '<=', value: 1 },
            note: `ours ${ours.cpuS.toFixed(2)} s ${ours.peakMb.toFixed(0)} MB, iverilog ${iv.cpuS.toFixed(2)} s ${iv.peakMb.toFixed(0)} MB`,
          }),
        );
        rows.push(row(`check ${f}, peak memory / iverilog`, ours.peakMb / iv.peakMb, 'x', { target: { op: '<=', value: 1.5 } }));
      }
    }

    // 3. language server spawn -> first diagnostics against node -e 0
    const tiny = path.join(WORK, 'tiny.v');
    writeFileSync(tiny, 'module tiny (input wire a, output wire y);\n  assign y = ~a;\nendmodule\n');
    const spawnMs = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const client = await startServer(ctx.LspClient);
      const uri = await client.open(tiny, readFileSync(tiny, 'utf8'));
      const pub = await client.waitForDiagnostics(uri);
      spawnMs.push(pub.receivedAt - t0);
      await client.shutdown();
    }
    const nodeMs = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      nodeMs.push(performance.now() - t0);
    }
    rows.push(
      row('server spawn -> first diagnostics / node -e 0, wall', median(spawnMs) / median(nodeMs), 'x', {
        target: { op: '<=', value: 5 },
        note: `${median(spawnMs).toFixed(0)} ms against ${median(nodeMs).toFixed(0)} ms`,
      }),
    );
    return rows;
  },
};
