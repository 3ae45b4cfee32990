/**
 * The workspace's design files: the folder scan (dot-folders, node_modules, .gitignore, caps),
 * ppa-lens.json `files` globs and `filelists`, and over stdio the file watcher: a file created on
 * disk after start-up becomes known through workspace/didChangeWatchedFiles, and a deleted one is
 * forgotten.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver-protocol/node';
import { globToRegExp, gitignore, workspaceFiles } from '../src/analysis/features/workspace-files';
import { nodeWorkspaceFs } from '../src/node/workspace-fs';
import { fileUri, LspClient } from './support/lsp-client';

const roots: string[] = [];
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ppa-ws-'));
  roots.push(root);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

const rel = (root: string, files: string[]) => files.map((f) => path.relative(root, f).split(path.sep).join('/')).sort();

describe('which files are indexed', () => {
  it('scans .v/.sv, skipping dot-folders, node_modules and .gitignore entries', async () => {
    const root = workspace({
      'rtl/a.v': '', 'rtl/b.sv': '', 'rtl/inc.vh': '', 'tb/t.v': '', '.git/x.v': '', 'node_modules/p/y.v': '',
      'build/netlist.v': '', 'out/gen.v': '', 'keep.v': '', '.gitignore': '# outputs\nbuild/\n/out\n*.tmp\n',
    });
    const r = await workspaceFiles(root, nodeWorkspaceFs);
    expect(r.source).toBe('scan');
    expect(rel(root, r.files)).toEqual(['keep.v', 'rtl/a.v', 'rtl/b.sv', 'tb/t.v']);
  });

  it('stops at the file cap with a note, and leaves big files out', async () => {
    const root = workspace({ 'a.v': '', 'b.v': '', 'c.v': 'x'.repeat(2048) });
    const capped = await workspaceFiles(root, nodeWorkspaceFs, { maxFiles: 1, maxDirs: 10, maxFileBytes: 1 << 20 });
    expect(capped.files.length).toBe(1);
    expect(capped.notes.join()).toMatch(/more than 1 Verilog files/);
    const small = await workspaceFiles(root, nodeWorkspaceFs, { maxFiles: 10, maxDirs: 10, maxFileBytes: 1024 });
    expect(rel(root, small.files)).toEqual(['a.v', 'b.v']);
    expect(small.notes.join()).toMatch(/c\.v: 2 KiB, not indexed/);
  });

  it('uses ppa-lens.json files (globs) and filelists when given', async () => {
    const root = workspace({
      'rtl/core/a.sv': '', 'rtl/core/b.sv': '', 'rtl/x.v': '', 'other/o.v': '', 'lists/top.f': '+incdir+../inc\n../other/o.v\n',
      'ppa-lens.json': JSON.stringify({ files: ['rtl/**/*.sv'], filelists: ['lists/top.f'] }),
    });
    const r = await workspaceFiles(root, nodeWorkspaceFs);
    expect(r.source).toBe('ppa-lens.json');
    expect(rel(root, r.files)).toEqual(['other/o.v', 'rtl/core/a.sv', 'rtl/core/b.sv']);
  });

  it('globs and ignore patterns', () => {
    expect(globToRegExp('rtl/**/*.sv').test('rtl/a.sv')).toBe(true);
    expect(globToRegExp('rtl/**/*.sv').test('rtl/x/y/a.sv')).toBe(true);
    expect(globToRegExp('rtl/*.sv').test('rtl/x/a.sv')).toBe(false);
    const ig = gitignore('build/\n/dist\n*.log\n!keep.log\n');
    expect(ig('build', true)).toBe(true);
    expect(ig('a/build', true)).toBe(true);
    expect(ig('build', false)).toBe(false);
    expect(ig('dist', true)).toBe(true);
    expect(ig('a/dist', true)).toBe(false);
    expect(ig('x/y.log', false)).toBe(true);
  });
});

describe('file watching over stdio', () => {
  it('a created file joins the design, a deleted one leaves it', async () => {
    const root = workspace({ 'top.v': 'module top(input a, output y);\n  leaf u (.a(a), .y(y));\nendmodule\n' });
    const client = await LspClient.start({ rootDir: root, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    try {
      const top = path.join(root, 'top.v');
      const uri = await client.open(top);
      const at = { textDocument: { uri }, position: { line: 1, character: 3 } };
      await client.waitForDiagnostics(uri);
      expect(await client.request<Location[]>('textDocument/definition', at)).toEqual([]);
      const leaf = path.join(root, 'leaf.v');
      writeFileSync(leaf, 'module leaf(input a, output y);\n  assign y = ~a;\nendmodule\n');
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(leaf), type: 1 }] });
      const defs = await client.request<Location[]>('textDocument/definition', at);
      expect(defs.map((d) => d.uri)).toEqual([fileUri(leaf)]);
      unlinkSync(leaf);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(leaf), type: 3 }] });
      expect(await client.request<Location[]>('textDocument/definition', at)).toEqual([]);
      // The open file's diagnostics follow: the unknown module is reported again.
      const pub = await client.waitForDiagnostics(uri, { match: (p) => p.diagnostics.some((d) => d.code === 'sem-unknown-module') });
      expect(pub).toBeDefined();
    } finally {
      client.kill();
    }
  });
});
