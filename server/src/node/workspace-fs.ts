/** The workspace on disk, as the language server's indexer walks it (lsp/features/workspace-indexer.ts). */
import { promises as fsp, statSync } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceFs } from '../analysis/features/workspace-files';
import { nodeIO } from './host';

/**
 * Symlinks and special files are not listed; reads go through `readFile` (the server's read policy:
 * inside the workspace, regular files, bounded), and `readConfig`, which in an untrusted workspace
 * hides what ppa-lens.json names.
 */
export function workspaceFsWith(readFile: (file: string) => string | undefined, readConfig = readFile): WorkspaceFs {
  return {
    async list(dir) {
      const entries = await fsp.readdir(dir, { withFileTypes: true });
      return entries.filter((e) => e.isDirectory() || e.isFile()).map((e) => ({ name: e.name, dir: e.isDirectory() }));
    },
    size(file) {
      try {
        return statSync(file).size;
      } catch {
        return undefined;
      }
    },
    readFile: (file) => (path.basename(file) === 'ppa-lens.json' ? readConfig(file) : readFile(file)),
  };
}

/** Unconfined reads (tests of the indexer on its own). */
export const nodeWorkspaceFs: WorkspaceFs = workspaceFsWith(nodeIO.readFile);
