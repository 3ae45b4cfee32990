/**
 * Files on disk and open buffers are one workspace (issue 18, problem 1): closing a tab never
 * changes the design, and diagnostics published while a module was missing go when it comes back.
 * The design is the built-in example, test-fixtures/examples/systolic4x4.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AnalysisHost } from '../src/analysis/host';
import { testHost } from './support/host';
import { fileUri, LspClient, REPO_ROOT } from './support/lsp-client';

const EXAMPLE = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const TOP = path.join(EXAMPLE, 'systolic_top.v');
const PE = path.join(EXAMPLE, 'mac_pe.v');
const ARRAY = path.join(EXAMPLE, 'systolic_array.v');
const read = (f: string) => readFileSync(f, 'utf8');

const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function summary(host: AnalysisHost) {
  const r = host.model.elaborate();
  return { top: r.top, modules: [...new Set(r.design?.modules.map((m) => m.name) ?? [])].sort(), unknown: r.diagnostics.filter((d) => d.code === 'sem-unknown-module').length };
}

describe('closing a tab does not change the design', () => {
  const whole = { top: 'systolic_top', modules: ['mac_pe', 'systolic_array', 'systolic_top'], unknown: 0 };

  it.each([
    ['top first', [TOP, PE], TOP],
    ['leaf first', [PE, TOP], TOP],
    ['array opened, then closed', [ARRAY, PE], ARRAY],
  ])('workspace indexed while files are open (%s)', async (_name, opened, closed) => {
    const host = await testHost();
    try {
      for (const f of opened) host.open(f, read(f));
      // the workspace indexer runs after the first files are open
      for (const f of [TOP, PE, ARRAY]) host.indexFromDisk(f);
      expect(summary(host)).toEqual(whole);
      host.close(closed);
      expect(summary(host)).toEqual(whole);
      host.open(closed, read(closed));
      host.close(closed);
      expect(summary(host)).toEqual(whole);
    } finally {
      host.dispose();
    }
  });

  it('with no workspace folder, a closed file that the design instantiates stays (from disk)', async () => {
    const host = await testHost();
    try {
      for (const f of [TOP, ARRAY, PE]) host.open(f, read(f));
      host.close(ARRAY);
      expect(summary(host)).toEqual(whole);
      host.close(PE);
      expect(summary(host)).toEqual(whole);
      // a file nothing instantiates leaves with its tab
      const dir = mkdtempSync(path.join(tmpdir(), 'ppa-ws-'));
      temps.push(dir);
      const lone = path.join(dir, 'lone.v');
      writeFileSync(lone, 'module lone(input a, output y);\n  assign y = a;\nendmodule\n');
      host.open(lone, read(lone));
      expect(host.model.tops()).toContain('lone');
      host.close(lone);
      expect(host.model.tops()).not.toContain('lone');
    } finally {
      host.dispose();
    }
  });
});

describe('over stdio', () => {
  it('an "Unknown module" goes from Problems once the module is open, without an edit', async () => {
    // an empty workspace folder: the example's files are known only when opened
    const root = mkdtempSync(path.join(tmpdir(), 'ppa-ws-'));
    temps.push(root);
    const client = await LspClient.start({ rootDir: root });
    try {
      const topUri = await client.open(TOP);
      await client.waitForDiagnostics(topUri, { match: (p) => p.diagnostics.some((d) => d.code === 'sem-unknown-module' && /systolic_array/.test(d.message)) });
      const mark = client.mark();
      await client.open(ARRAY);
      await client.open(PE);
      const pub = await client.waitForDiagnostics(topUri, { after: mark, match: (p) => !p.diagnostics.some((d) => d.code === 'sem-unknown-module') });
      expect(pub.diagnostics.filter((d) => d.code === 'sem-unknown-module')).toEqual([]);
      // closing the tab of the array keeps it in the design: no unknown module comes back
      const mark2 = client.mark();
      await client.close(fileUri(ARRAY));
      const after = await client.waitForDiagnostics(topUri, { after: mark2 });
      expect(after.diagnostics.filter((d) => d.code === 'sem-unknown-module')).toEqual([]);
    } finally {
      client.kill();
    }
  }, 60_000);
});
