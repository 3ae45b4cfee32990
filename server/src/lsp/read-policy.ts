/**
 * What the language server may read from disk. Every read of the server goes through here:
 *
 * - only files inside the workspace folders, plus the configured include folders when the workspace
 *   is trusted (symlinks followed before the check);
 * - in an untrusted workspace (the client's `workspaceTrusted: false`, in initializationOptions or
 *   the settings), `ppa-lens.json` may not name files or filelists, no `.f` filelist and no process-model
 *   file is read, and no include folder outside the workspace is honoured;
 * - regular files only, at most `ppaLens.maxFileBytes` bytes (the platform's reader: node/read-file.ts
 *   on disk, lsp/browser/workspace-mirror.ts in the browser).
 */
import * as path from '../base/paths';
import type { HostIO } from '../analysis/host';
import { DEFAULT_MAX_FILE_BYTES } from '../base/limits';
import type { PolicyReader } from './platform';

export interface ReadPolicySettings {
  /** Workspace folders, absolute. */
  folders: string[];
  trusted: boolean;
  /** Include folders from the settings and ppa-lens.json, absolute. */
  includeDirs: string[];
  maxFileBytes?: number;
}

const PROCESS_OR_LIST = /(\.json|\.jsonc|\.f)$/i;

export class ServerReads {
  constructor(private readonly reader: PolicyReader) {
    reader.policy = { roots: [] };
  }

  private settings: ReadPolicySettings = { folders: [], trusted: true, includeDirs: [] };

  get trusted(): boolean {
    return this.settings.trusted;
  }

  get folders(): readonly string[] {
    return this.settings.folders;
  }

  get maxFileBytes(): number {
    return this.settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  }

  configure(s: Partial<ReadPolicySettings>): void {
    this.settings = { ...this.settings, ...s };
    const { folders, trusted, includeDirs } = this.settings;
    this.reader.policy = { roots: trusted ? [...folders, ...includeDirs] : [...folders], maxBytes: this.maxFileBytes };
  }

  /** Whether `file` may be read at all (before its type and size are checked). */
  private refusedByTrust(file: string): string | undefined {
    if (this.settings.trusted) return undefined;
    const base = path.basename(file);
    if (base === 'ppa-lens.json') return undefined;
    if (PROCESS_OR_LIST.test(base)) return `${file} is not read in an untrusted workspace (filelists and process-model files are off)`;
    return undefined;
  }

  private readonly trustRefusals = new Map<string, string>();

  readFile = (file: string): string | undefined => {
    const why = this.refusedByTrust(file);
    if (why) {
      if (this.trustRefusals.size > 256) this.trustRefusals.clear();
      this.trustRefusals.set(file, why);
      return undefined;
    }
    return this.reader.readFile(file);
  };

  refusal = (file: string): string | undefined => this.trustRefusals.get(file) ?? this.reader.refusal(file);

  /** The host's file access. */
  readonly io: HostIO = { readFile: this.readFile, refusal: this.refusal };

  /**
   * `ppa-lens.json` as the workspace indexer reads it: in an untrusted workspace its `files` and
   * `filelists` are dropped (they may point anywhere), so the folder is scanned instead.
   */
  readWorkspaceConfig = (file: string): string | undefined => {
    const text = this.readFile(file);
    if (text === undefined || this.settings.trusted || path.basename(file) !== 'ppa-lens.json') return text;
    return '{}';
  };
}

/** The trust flag as the client sends it: absent means a client without workspace trust (trusted). */
export function trustFrom(initOptions: unknown, settings?: unknown): boolean {
  const flag = (o: unknown) => (o && typeof o === 'object' ? (o as { workspaceTrusted?: unknown }).workspaceTrusted : undefined);
  return flag(initOptions) !== false && flag(settings) !== false;
}
