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

function parsed(text: string | undefined): Correction | undefined {
  if (text === undefined) return undefined;
  try {
    return parseCorrection(text);
  } catch {
    return undefined;
  }
}

/** The stored correction read from disk now, or undefined when there is none (or it is not one). For the CLI, which runs once. */
export function loadCorrection(root: string): Correction | undefined {
  const p = correctionPath(root);
  if (!existsSync(p)) return undefined;
  try {
    return parsed(readFileSync(p, 'utf8'));
  } catch {
    return undefined;
  }
}

function writeCorrection(root: string, c: Correction): void {
  const p = correctionPath(root);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, formatCorrection(c));
}

/**
 * The workspace correction on disk for the language server: read once per folder through the
 * given reader (the platform's, under its read policy), kept, and read again only after the file
 * watcher says the file changed (`changed`) or this store wrote it. The lenses ask once per module:
 * a code-lens request reads the file at most once, however many modules it has.
 */
export class DiskCorrectionStore implements CorrectionStore {
  /** By folder: the correction, null when there is none (or it is not one). */
  private readonly byRoot = new Map<string, Correction | null>();

  constructor(private readonly readFile: (file: string) => string | undefined) {}

  load(root: string): Correction | undefined {
    let c = this.byRoot.get(root);
    if (c === undefined) {
      c = parsed(this.readFile(correctionPath(root))) ?? null;
      // bounded: a server has a few workspace folders
      if (this.byRoot.size >= 64) this.byRoot.delete(this.byRoot.keys().next().value as string);
      this.byRoot.set(root, c);
    }
    return c ?? undefined;
  }

  save(root: string, c: Correction): void {
    writeCorrection(root, c);
    this.byRoot.set(root, c);
  }

  changed(files: readonly string[]): boolean {
    let hit = false;
    for (const root of [...this.byRoot.keys()])
      if (files.includes(correctionPath(root))) {
        this.byRoot.delete(root);
        hit = true;
      }
    return hit;
  }
}

/** Add the outcome's samples to the stored correction and write it (the caller has the user's consent). */
export function saveCorrection(root: string, outcome: SynthesizeOutcome, base?: Correction): Correction {
  const c = withSamples(base ?? loadCorrection(root), outcome);
  writeCorrection(root, c);
  return c;
}
