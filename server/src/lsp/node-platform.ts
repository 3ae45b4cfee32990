/**
 * The language server's platform under Node (part of the Node entry, with main.ts, bin.ts and the
 * two commands that need system tools or worker threads: calibrate-command.ts, synth-command.ts):
 * files read from disk (node/read-file.ts), the grammar from the bundle's folder, the synthesis tier
 * in a worker thread, calibration with the system tools, the report's HTML export.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { createNodeHost, useEditorRuntime } from '../node/host';
import { SynthesisTier } from '../node/synth-host';
import { DiskCorrectionStore, SynthResultCache } from '../node/synth-service';
import { BoundedReader } from '../node/read-file';
import { loadReportAssets, sha256Base64 } from '../node/report-assets';
import { workspaceFsWith } from '../node/workspace-fs';
import { createCalibrateCommand } from './calibrate-command';
import type { ServerPlatform } from './platform';
import { createSynthesizeCommand } from './synth-command';

export function nodePlatform(): ServerPlatform {
  useEditorRuntime();
  const reader = new BoundedReader({ roots: [] });
  return {
    name: 'node',
    reader,
    createHost: (io) => createNodeHost(io),
    workspaceFs: workspaceFsWith,
    // the tier in a worker thread, results cached in memory and in the user's cache folder, the
    // correction in the workspace's .ppa-lens/correction.json, read through the platform's reader
    // (once, and again when the file watcher reports a change)
    synthesis: (connection, opts) =>
      createSynthesizeCommand(connection, opts, {
        tier: () => new SynthesisTier(),
        cache: new SynthResultCache(path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'ppa-lens', 'synth')),
        corrections: new DiskCorrectionStore((f) => reader.readFile(f)),
        readFile: (f) => readFileSync(f, 'utf8'),
      }),
    calibration: createCalibrateCommand,
    reportExport: { assets: loadReportAssets, sha256Base64 },
  };
}
