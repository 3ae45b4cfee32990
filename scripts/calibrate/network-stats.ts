/**
 * Per design: the reference flow's figures beside the estimate's, with the bit-level network's
 * live ANDs per kind of logic and the word-level model's area of the same nodes. Input of
 * fit-network.mjs. Sets: the calibration set (../shared/calibration), the shared designs
 * (../shared/designs), and the corpus designs of a corpus-reference.json (fit and held-out, by
 * its split), exported at CORPUS_ROOT/<folder>.
 *
 *   node scripts/calibrate/fit-network.mjs --stats SET [--corpus-reference FILE --corpus-root DIR]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SemanticModel } from '../../server/src/semantic/index';
import type { DesignEstimate } from '../../server/src/estimate/index';
import { DesignSession, parseParamOverrides } from '../../server/src/analysis/session/index';
import { isWordLevel } from '../../server/src/estimate/aig/blast';
import { networkClass } from '../../server/src/estimate/aig/fit';
import { readGrammarBytes } from '../../server/src/node/assets';
import { SyntaxDocument } from '../../server/src/syntax/document';
import type { ParserBackend } from '../../server/src/syntax/backend';
import { loadWasmBackend } from '../../server/src/syntax/wasm-backend';

let lang: Promise<ParserBackend> | undefined;
async function open(file: string): Promise<SyntaxDocument> {
  lang ??= loadWasmBackend(readGrammarBytes());
  const abs = path.resolve(file);
  return SyntaxDocument.open(await lang, abs, fs.readFileSync(abs, 'utf8'), {
    includeDirs: [path.dirname(abs)],
    readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
  });
}

export interface DesignStats {
  set: string;
  name: string;
  refArea: number;
  refDelay: number;
  estArea: number;
  estDelay: number;
  /** Area of flops and of what stays word-level (memories, dividers, opaque nodes). */
  fixedArea: number;
  /** Live ANDs per network class, and the word-level model's area of the same nodes (w_<class>). */
  cat: Record<string, number>;
  mix: Record<string, number>;
  areaBand: number;
  timingBand: number;
  ms: number;
}

async function run(
  set: string,
  name: string,
  files: string[],
  top: string,
  params: Record<string, string>,
  ref: { area_um2: number | string; delay_ps: number | string },
  clock = 'clk',
): Promise<DesignStats | undefined> {
  const sm = new SemanticModel();
  for (const f of files) sm.updateFile(await open(f));
  const session = new DesignSession({ semantic: sm, readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined) });
  const r = session.elaborate(top, parseParamOverrides(Object.entries(params).map(([k, v]) => `${k}=${v}`)).params);
  if (!r.design) return undefined;
  const t0 = performance.now();
  const est: DesignEstimate = session.estimate(r.design);
  const ms = performance.now() - t0;
  const cat: Record<string, number> = {};
  let fixedArea = 0;
  const walk = (i: (typeof r.design)['top'], d: number) => {
    const e = session.estimator.modules(est).get(i.module);
    if (e) {
      for (const n of e.graph.nodes) {
        if (!n.live) continue;
        if (isWordLevel(n) || !e.network) fixedArea += e.nodeArea[n.id];
        else {
          const c = networkClass(n);
          cat[c] = (cat[c] ?? 0) + e.network.andsOf[n.id] - e.network.xorsOf[n.id];
          cat[`x_${c}`] = (cat[`x_${c}`] ?? 0) + e.network.xorsOf[n.id];
          cat[`w_${c}`] = (cat[`w_${c}`] ?? 0) + (e.wordNodeArea?.[n.id] ?? 0);
          // the cells the network's mapping gives the node (µm²); undefined when not mapped
          if (e.network.mapped) cat[`m_${c}`] = (cat[`m_${c}`] ?? 0) + e.network.mapped.areaOf[n.id];
          else cat.unmapped = 1;
        }
      }
    }
    if (d < 64) for (const c of i.children) walk(c, d + 1);
  };
  walk(r.design.top, 0);
  // the reference times the one clock it was given (in -> out paths only without one)
  const clk = est.timing.clocks.find((c) => c.name === clock) ?? est.timing;
  return {
    set,
    name,
    refArea: +ref.area_um2,
    refDelay: +ref.delay_ps,
    estArea: est.cellUm2,
    estDelay: clk?.minPeriodPs ?? 0,
    fixedArea,
    cat,
    mix: est.confidence.mix,
    areaBand: est.confidence.area_pct / 100,
    timingBand: est.confidence.timing_pct / 100,
    ms,
  };
}

const csv = (t: string) => {
  const [h, ...ls] = t.trim().split('\n');
  const hs = h.split(',');
  return ls.map((l) => Object.fromEntries(l.split(',').map((v, i) => [hs[i], v])));
};
const tsv = (t: string, cols?: string[]) => {
  const ls = t.trim().split('\n').filter((l) => !l.startsWith('#'));
  const hs = cols ?? ls.shift()!.split('\t');
  return ls.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [hs[i], v])));
};

export async function collect(opts: { shared: string; set: string; corpusReference?: string; corpusRoot?: string }): Promise<DesignStats[]> {
  const out: DesignStats[] = [];
  const push = (r: DesignStats | undefined) => r && out.push(r);
  const SH = opts.shared;
  if (opts.set === 'designs') {
    const gt = csv(fs.readFileSync(path.join(SH, 'designs/groundtruth.csv'), 'utf8'));
    for (const d of tsv(fs.readFileSync(path.join(SH, 'designs/MANIFEST.tsv'), 'utf8'))) {
      const ref = gt.find((g) => g.name === d.name);
      if (ref) push(await run('designs', d.name, d.files.split(' ').map((f) => path.join(SH, 'designs', d.name, f)), d.top, {}, ref as never));
    }
  } else if (opts.set === 'calibration') {
    const gt = csv(fs.readFileSync(path.join(SH, 'calibration/asap7-groundtruth.csv'), 'utf8'));
    for (const d of tsv(fs.readFileSync(path.join(SH, 'calibration/designs.tsv'), 'utf8'), ['design', 'top', 'file', 'params'])) {
      const ref = gt.find((g) => g.design === d.design && (g.params ?? '') === (d.params ?? ''));
      const params = Object.fromEntries((d.params ?? '').split(';').filter(Boolean).map((kv) => kv.split('=') as [string, string]));
      if (ref) push(await run('calibration', `${d.design} ${d.params ?? ''}`.trim(), [path.join(SH, 'calibration/rtl', d.file)], d.top, params, ref as never));
    }
  } else if (opts.set === 'corpus' && opts.corpusReference && opts.corpusRoot) {
    const cr = JSON.parse(fs.readFileSync(opts.corpusReference, 'utf8'));
    for (const d of cr.designs) {
      try {
        // an export may hold a repository's files flat (the EPFL benchmarks)
        const file = (f: string) => {
          const p = path.join(opts.corpusRoot!, d.folder, f);
          return fs.existsSync(p) ? p : path.join(opts.corpusRoot!, d.folder, path.basename(f));
        };
        push(await run(`corpus-${d.split}`, d.id, d.files.map(file), d.top, d.params ?? {}, d.reference, d.clock ?? undefined));
      } catch (e) {
        process.stderr.write(`${d.id}: ${(e as Error).message}\n`);
      }
    }
  }
  return out;
}
