/**
 * Issue 18, problem 10 (cold start): no partial total before the workspace is indexed. The server
 * indexes the workspace folder from disk after `initialized`, in slices; an estimate of the open
 * files alone would show a design without its children (or an unknown module). The first status the
 * server sends must already be the whole design's, after indexing ended, and the client shows its
 * "estimating…" progress until then (client/src/status-text.ts, checked in the UI test).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { LspClient, REPO_ROOT } from './support/lsp-client';

const EXAMPLE = path.join(REPO_ROOT, 'test-fixtures', 'examples', 'systolic4x4');
const FILLERS = 600;

let client: LspClient | undefined;
let root: string | undefined;
afterAll(() => {
  client?.kill();
  if (root) rmSync(root, { recursive: true, force: true });
});

it('the first status is the whole design, sent after indexing ended', async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ppa-cold-'));
  // many small files indexed before the design's own (the indexer reads in slices of 15 ms)
  mkdirSync(path.join(root, 'a_lib'));
  for (let i = 0; i < FILLERS; i++)
    writeFileSync(path.join(root, 'a_lib', `lib_${String(i).padStart(4, '0')}.v`), `module lib_${i} #(parameter W = 8) (input [W-1:0] a, b, output [W-1:0] y);\n  assign y = a ^ b ^ W;\nendmodule\n`);
  cpSync(EXAMPLE, path.join(root, 'z_design'), { recursive: true });
  const top = path.join(root, 'z_design', 'systolic_top.v');
  writeFileSync(path.join(root, 'ppa-lens.json'), JSON.stringify({ top: 'systolic_top' }) + '\n');

  const events: Array<{ kind: 'status' | 'indexed'; text: string }> = [];
  client = await LspClient.start({ rootDir: root, capabilities: { window: { workDoneProgress: true } } });
  client.connection.onNotification('ppaLens/status', (p: { text: string; partial?: boolean }) => events.push({ kind: 'status', text: `${p.text}${p.partial ? ' [partial]' : ''}` }));
  client.connection.onNotification('window/logMessage', (p: { message: string }) => {
    if (/^workspace: indexed \d+ files/.test(p.message)) events.push({ kind: 'indexed', text: p.message });
  });
  // the editor opens the top as soon as the server is up, before indexing reads the children
  await client.open(top);
  const deadline = Date.now() + 120_000;
  while (!events.some((e) => e.kind === 'status') || !events.some((e) => e.kind === 'indexed')) {
    if (Date.now() > deadline) throw new Error(`no status or no indexing end: ${JSON.stringify(events)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const statuses = events.filter((e) => e.kind === 'status');
  // indexing ended before the first status; every status is the same whole design
  expect(events[0].kind, JSON.stringify(events)).toBe('indexed');
  expect(events.find((e) => e.kind === 'indexed')!.text).toMatch(new RegExp(`indexed ${FILLERS + 3} files`));
  expect(new Set(statuses.map((s) => s.text)).size, JSON.stringify(statuses)).toBe(1);
  expect(statuses[0].text).toMatch(/systolic_top · \d,\d{3}(\.\d+)? µm² · .*Hz · duv-7nm-mp/);
  expect(statuses[0].text).not.toContain('[partial]');
}, 180_000);
