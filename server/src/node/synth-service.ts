/**
 * "Synthesize this module" for the Node shells (CLI `estimate --synthesize`, the LSP command): the
 * platform-independent service (synth/service.ts) with its storage on disk: results cached in memory
 * and in a cache folder when one is given; the workspace correction in `.ppa-lens/correction.json`.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatCorrection, parseCorrection, type Correction } from '../synth/correction';
import type { SynthResult } from '../synth/flow';
import { MemoryResultCache, withSamples, type CorrectionStore, type SynthesizeOutcome } from '../synth/service';

export { moduleFigures, synthesizeModules, type SynthesizeOutcome, type SynthesizeRequest } from '../synth/service';

/** Results by content key: memory first, then `<dir>/<key>.json`. */
export class SynthResultCache extends MemoryResultCache {
  constructor(private readonly dir?: string) {
    super();
  }

  override get(key: string): SynthResult | undefined {
    const hit = super.get(key);
    if (hit || !this.dir) return hit;
    try {
      const r = JSON.parse(readFileSync(path.join(this.dir, `${key}.json`), 'utf8')) as SynthResult;
      if (typeof r?.areaUm2 !== 'number') return undefined;
      this.mem.set(key, r);
      return r;
    } catch {
      return undefined;
    }
  }

  override set(key: string, r: SynthResult): void {
    super.set(key, r);
    if (!this.dir) return;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.${key}.${process.pid}.tmp`);
      writeFileSync(tmp, JSON.stringify(r));
      renameSync(tmp, path.join(this.dir, `${key}.json`));
    } catch {
      /* a cache that cannot be written is only slower */
    }
  }
}

/** `.ppa-lens/correction.json` of a workspace folder. */
export function correctionPath(root: string): string {
  return path.join(root, '.ppa-lens', 'correction.json');
}

/** The last file read and what its text parsed to: the same text is not parsed again. */
let lastRead: { file: string; text: string; c: Correction | undefined } | undefined;

/**
 * The stored correction, or undefined when there is none (or it is not one). Read on each call and
 * compared by text, so a file written by another process is seen at once (the lenses ask per module).
 */
export function loadCorrection(root: string): Correction | undefined {
  const p = correctionPath(root);
  if (!existsSync(p)) return undefined;
  let text: string;
  try {
    text = readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
  if (lastRead?.file === p && lastRead.text === text) return lastRead.c;
  let c: Correction | undefined;
  try {
    c = parseCorrection(text);
  } catch {
    c = undefined;
  }
  lastRead = { file: p, text, c };
  return c;
}

function writeCorrection(root: string, c: Correction): void {
  const p = correctionPath(root);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, formatCorrection(c));
}

/** The workspace correction on disk, as CorrectionStore. */
export const diskCorrectionStore: CorrectionStore = { load: loadCorrection, save: writeCorrection };

/** Add the outcome's samples to the stored correction and write it (the caller has the user's consent). */
export function saveCorrection(root: string, outcome: SynthesizeOutcome, base?: Correction): Correction {
  const c = withSamples(base ?? loadCorrection(root), outcome);
  writeCorrection(root, c);
  return c;
}
