/**
 * `node scripts/accuracy/explain.mjs --top T [-P K=V] files...`: the estimator's per-node area and
 * delay of every module of a design, largest first, to compare with the reference flow's
 * per-cell report when hunting a model error. A development aid; not part of the product.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DesignSession, openSources, parseParamOverrides } from '../../server/src/analysis/session/index';
import { blastGraph } from '../../server/src/estimate/aig/blast';
import { nodeOf } from '../../server/src/estimate/aig/aig';
import { nodeBackend } from '../../server/src/node/host';

async function main() {
  const args = process.argv.slice(2);
  let top: string | undefined;
  const items: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = args[++i];
    else if (args[i] === '-P') items.push(args[++i]);
    else files.push(args[i]);
  }
  const { params, error } = parseParamOverrides(items);
  if (error) throw new Error(`-P ${error}`);
  const lang = await nodeBackend();
  const readFile = (p: string) => {
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const sources = openSources(lang, { files, includeDirs: [], defines: {} }, { readSource: (f) => readFileSync(f, 'utf8'), readInclude: readFile, cwd: process.cwd() });
  const session = new DesignSession({ semantic: sources.semantic, readFile });
  const { design, estimate: e } = session.run({ top, params });
  if (!design || !e) throw new Error('no design');
  const ests = [...session.estimator.modules(e).values()];
  for (const me of ests) {
    const inst = e.byModule.find((b) => b.key === me.key);
    console.log(`\n== ${me.module} ${me.key}: own ${me.cellUm2.toFixed(1)} um2 x${inst?.instances ?? '?'}, flops ${me.flops}; r2r ${Math.max(0, ...[...me.timing.regToReg.values()].map((a) => a.ps)).toFixed(0)}`);
    // DUMP=name: the cone of the nodes whose description contains name, node by node
    const dump = process.env.DUMP;
    if (dump) {
      const bl = blastGraph(me.graph, 1 << 21);
      const live = bl.aig.liveMask(bl.roots);
      const desc = (id: number) => {
        const b = bl.bits[id];
        if (!b) return '-';
        let ands = 0, ins = 0, consts = 0, lv = 0;
        for (const l of b) {
          const k = nodeOf(l);
          if (k === 0) consts++;
          else if (bl.aig.f0[k] < 0) ins++;
          else ands++;
          if (live[k]) lv++;
        }
        return `bits{and ${ands} in ${ins} const ${consts} live ${lv}}`;
      };
      const pos = new Map(bl.order.map((id, k) => [id, k]));
      for (const t of me.graph.nodes.filter((n) => n.what.includes(dump))) console.log(`  order of ${t.id}: ${pos.get(t.id)}; readers ${me.graph.nodes.filter((r) => r.inputs.includes(t.id)).map((r) => `${r.id}@${pos.get(r.id)}`).join(' ')}`);
      const seen = new Set<number>();
      const stack = me.graph.nodes.filter((n) => n.what.includes(dump)).map((n) => n.id);
      while (stack.length && seen.size < 400) {
        const id = stack.pop()!;
        if (seen.has(id)) continue;
        seen.add(id);
        const n = me.graph.nodes[id];
        console.log(`  #${id} ${n.kind} '${n.what}' w=${n.width} live=${n.live} sig=${n.sig} in=[${n.inputs.join(",")}] place=${JSON.stringify(n.place ?? null)} sel=${n.selects ?? ""} n=${n.n ?? ""} ands=${me.network?.andsOf[id] ?? '-'} lv=${me.network?.levelsOf[id] ?? '-'} abs=${me.network?.absorbed[id] ?? '-'} area=${me.nodeArea[id].toFixed(2)} ${desc(id)} @${pos.get(id)} L${n.loc.range.start.line + 1}`);
        if (n.kind !== 'reg' || id === stack[0] || seen.size === 1) for (const i of n.inputs) stack.push(i);
      }
    }
    const rows = me.graph.nodes.filter((n) => n.live).map((n) => ({ n, a: me.nodeArea[n.id], d: me.nodeDelay[n.id] }));
    const groups = new Map<string, { a: number; k: number; d: number; line: number }>();
    for (const x of rows) {
      if (x.a <= 0 && x.d <= 0) continue;
      const key = `${x.n.kind} ${x.n.what} L${x.n.loc.range.start.line + 1} ${JSON.stringify(x.n.size ?? {})}`;
      const g = groups.get(key) ?? { a: 0, k: 0, d: x.d, line: x.n.loc.range.start.line + 1 };
      g.a += x.a;
      g.k++;
      groups.set(key, g);
    }
    for (const [k, g] of [...groups].sort((a, b) => b[1].a - a[1].a).slice(0, Number(process.env.TOPN ?? 40))) console.log(`${g.a.toFixed(2).padStart(9)} x${String(g.k).padEnd(4)} d=${g.d.toFixed(0).padStart(4)}  ${k}`);
  }
  console.log(`\ntotal ${e.cellUm2.toFixed(1)} period ${e.timing.minPeriodPs.toFixed(1)}`);
  for (const s of e.timing.criticalPath) console.log(`  ${s.arrivalPs.toFixed(1).padStart(7)} +${s.deltaPs.toFixed(1).padStart(6)} ${path.basename(s.file)}:${s.line + 1} ${s.instance} ${s.what} fo=${s.fanout}`);
}
main();
