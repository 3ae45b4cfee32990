#!/usr/bin/env node
/**
 * `node scripts/accuracy/markdown.mjs RESULT.json`: the corpus part of `npm run accuracy -- --json
 * RESULT.json` as Markdown tables (per design, per kind of logic, fit / held-out), for docs/CORPUS.md
 * and issue notes. `--designs`: the designs of scripts/accuracy/corpus-reference.json (inputs and
 * reference figures) as a table instead.
 */
import { readFileSync } from 'node:fs';

if (process.argv[2] === '--designs') {
  const ref = JSON.parse(readFileSync(new URL('./corpus-reference.json', import.meta.url), 'utf8'));
  const lines = [
    '| design | folder | top | files | parameters | clock | kind | split | area (µm²) | cells | flops | delay (ps) | flow wall / CPU (s) |',
    '|---|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|',
  ];
  const dirOf = (f) => (f.includes('/') ? f.replace(/\/[^/]*$/, '/') : './');
  const files = (fs) => (fs.length > 3 ? `${fs.length} files in ${[...new Set(fs.map(dirOf))].map((f) => `\`${f}\``).join(', ')}` : fs.map((f) => `\`${f}\``).join(', '));
  for (const d of ref.designs) {
    const params = Object.entries(d.params).map(([k, v]) => `${k}=${v}`).join(', ') || '–';
    const r = d.reference;
    const run = d.run ? `${d.run.total_wall_s} / ${(d.run.synth_cpu_s + (d.run.sta_cpu_s || 0)).toFixed(1)}` : '–';
    lines.push(`| ${d.id} | \`${d.folder}\` | \`${d.top}\` | ${files(d.files)} | ${params} | ${d.clock ? `\`${d.clock}\`` : '–'} | ${d.kind} | ${d.split} | ${r.area_um2.toFixed(1)} | ${r.cells} | ${r.flops} | ${r.delay_ps.toFixed(1)} | ${run} |`);
  }
  for (const s of ref.skipped ?? []) lines.push(`| ${s.id} | \`${s.folder}\` | \`${s.top}\` | | | | | | left out: ${s.reason} | | | | |`);
  console.log(lines.join('\n'));
  process.exit(0);
}
const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/accuracy/markdown.mjs RESULT.json | --designs');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(file, 'utf8'));
const rows = doc.rows.filter((r) => r.set === 'corpus');
const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : '–');
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : '–');
const band = (ok, p) => `${ok ? 'yes' : 'no'} (±${Number.isFinite(p) ? p : '–'} %)`;

const out = [];
out.push('| design | kind | split | area ref (µm²) | est | ratio | in band | period ref (ps) | est | ratio | in band |');
out.push('|---|---|---|---:|---:|---:|---|---:|---:|---:|---|');
for (const r of rows) {
  if (r.error) out.push(`| ${r.name} | ${r.kind} | ${r.split} | error: ${r.error} | | | | | | | |`);
  else
    out.push(
      `| ${r.name} | ${r.kind} | ${r.split} | ${f1(r.refArea)} | ${f1(r.estArea)} | ${f2(r.areaRatio)} | ${band(r.areaInBand, r.areaBandPct)} | ${f1(r.refDelay)} | ${f1(r.estDelay)} | ${f2(r.delayRatio)} | ${band(r.delayInBand, r.delayBandPct)} |`,
    );
}
const sumLine = (name, s) =>
  `| ${name} | ${s.n} | ${pct(s.area.median)} | ${pct(s.area.p90)} | ${pct(s.area.coverage)} | ${pct(s.delay.median)} | ${pct(s.delay.p90)} | ${pct(s.delay.coverage)} | ${pct(s.bothInBand)} |`;
const head = [
  '| | designs | area median \\|err\\| | area p90 | area in band | period median \\|err\\| | period p90 | period in band | both in band |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
if (doc.corpus) {
  out.push('', ...head);
  for (const k of doc.corpus.byKind) out.push(sumLine(k.set, k));
  out.push('', ...head);
  if (doc.corpus.fit) out.push(sumLine('fit', doc.corpus.fit));
  if (doc.corpus.heldOut) out.push(sumLine('held-out', doc.corpus.heldOut));
  if (doc.corpus.all) out.push(sumLine('all', doc.corpus.all));
}
const others = (doc.summaries ?? []).filter((s) => s.set !== 'corpus');
if (others.length) {
  out.push('', ...head);
  for (const s of others) out.push(sumLine(s.set, s));
}
console.log(out.join('\n'));
