/**
 * From an elaborated module to a synthesis job: the files that declare it and every module below
 * it, its elaborated parameter values (so a module deep in the hierarchy is synthesized as it is
 * instantiated), and a cache key over exactly that content. Pure.
 */
import type { ElaboratedModule } from '../semantic/index';
import { reachable } from '../base/limits';
import type { SynthJob } from './flow';

/** Bumped when the flow (script, recipe, library, parser) changes: old cached results go stale. */
export const FLOW_VERSION = 'yowasp-yosys-0.55.944/asap7-rvt-tt/speed/3-sta';

/** Every module below `m` (itself included), bounded. */
export function subtreeModules(m: ElaboratedModule, limit = 10000): ElaboratedModule[] {
  return [...reachable(m, (x) => x.instances.flatMap((i) => (i.module ? [i.module] : [])), limit)];
}

/** The module's own (non-local) parameters with their elaborated values. */
export function elaboratedParams(m: ElaboratedModule): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  for (const p of m.params) if (!p.local) out[p.name] = p.value;
  return out;
}

/**
 * The job for `m`, its sources read with `textOf` (the preprocessed text: macros expanded,
 * includes resolved); undefined when a file cannot be read.
 */
export function moduleJob(m: ElaboratedModule, textOf: (file: string) => string | undefined): { job: SynthJob; key: string } | undefined {
  const files = [...new Set(subtreeModules(m).map((x) => x.file))].sort();
  const sources: SynthJob['sources'] = [];
  for (const f of files) {
    const text = textOf(f);
    if (text === undefined) return undefined;
    sources.push({ name: f, text });
  }
  const params = elaboratedParams(m);
  const job: SynthJob = { sources, top: m.name, params, label: m.key };
  return { job, key: contentKey(job) };
}

/** FNV-1a (64-bit) over the flow version, top, parameters and source texts: the result cache key. */
export function contentKey(job: SynthJob): string {
  let h = 0xcbf29ce484222325n;
  const mask = 0xffffffffffffffffn;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= BigInt(s.charCodeAt(i));
      h = (h * 0x100000001b3n) & mask;
    }
    h ^= 0xffn;
    h = (h * 0x100000001b3n) & mask;
  };
  feed(FLOW_VERSION);
  feed(job.top);
  for (const [k, v] of Object.entries(job.params ?? {}).sort(([a], [b]) => a.localeCompare(b))) feed(`${k}=${String(v)}`);
  for (const s of job.sources) feed(s.text);
  return h.toString(16).padStart(16, '0');
}
