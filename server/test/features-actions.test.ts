/**
 * Code actions over real stdio: each fixture of test-fixtures/features/actions/ is opened alone
 * (in an empty workspace, so the diagnostics are the file's own), the action is
 * requested at a diagnostic or inside an instance, applied, and the resulting text is compared with
 * a golden file. The fixed text is opened again to prove that the fix removes the diagnostic.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import { expectGolden } from './support/golden';
import { LspClient } from './support/lsp-client';
import { ACTIONS, applyEdits, positionOf } from './features-helpers';

let client: LspClient;
beforeAll(async () => {
  // An empty workspace: each fixture is opened (and closed) alone, so it is its own design.
  client = await LspClient.start({ rootDir: mkdtempSync(path.join(tmpdir(), 'ppa-actions-')) });
});
afterAll(() => client?.kill());

async function openWithDiagnostics(file: string, text?: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = await client.open(file, text);
  const pub = await client.waitForDiagnostics(uri, { after: 0, match: (p) => p.version === client.version(uri) || p.version === undefined });
  return { uri, diagnostics: client.latest(uri)?.diagnostics ?? pub.diagnostics };
}

async function actionsAt(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
}

function applied(file: string, uri: string, action: CodeAction): string {
  return applyEdits(readFileSync(file, 'utf8'), action.edit!.changes![uri]);
}

describe('declare an undeclared net', () => {
  it('declares `sum` with the width of what is assigned to it', async () => {
    const file = path.join(ACTIONS, 'undeclared.v');
    const { uri, diagnostics } = await openWithDiagnostics(file);
    // an undeclared continuous-assignment target is an implicit net (IEEE 1800 6.10): a warning
    const d = diagnostics.find((x) => x.code === 'sem-implicit-net');
    expect(d, JSON.stringify(diagnostics)).toBeDefined();
    const actions = await actionsAt(uri, d!.range, [d!]);
    const fix = actions.find((a) => a.title.startsWith('Declare'));
    expect(fix?.title).toBe('Declare `wire [7:0] sum;`');
    expect(fix?.kind).toBe('quickfix');
    const text = applied(file, uri, fix!);
    expectGolden('features/actions/undeclared.v', text);
    await client.close(uri);
    const again = await openWithDiagnostics(file.replace('.v', '-fixed.v'), text);
    expect(again.diagnostics.filter((x) => x.code === 'sem-undeclared' || x.code === 'sem-implicit-net')).toEqual([]);
    await client.close(again.uri);
  });
});

describe('fix a width mismatch', () => {
  it('part-selects a wider operand and extends a narrower one', async () => {
    const file = path.join(ACTIONS, 'width.v');
    const { uri, diagnostics } = await openWithDiagnostics(file);
    const ds = diagnostics.filter((x) => x.code === 'sem-width-mismatch');
    expect(ds.length, JSON.stringify(diagnostics)).toBe(2);
    let text = readFileSync(file, 'utf8');
    const titles: string[] = [];
    for (const d of ds) {
      const actions = (await actionsAt(uri, d.range, [d])).filter((a) => a.kind === 'quickfix');
      titles.push(...actions.map((a) => a.title));
      const preferred = actions.find((a) => a.isPreferred) ?? actions[0];
      text = applyEdits(text, preferred.edit!.changes![uri]);
    }
    expect(titles).toEqual(['Select the low 8 bits: wide[7:0]', 'Zero-extend to 8 bits', 'Sign-extend to 8 bits']);
    expectGolden('features/actions/width.v', text);
    await client.close(uri);
    const again = await openWithDiagnostics(file.replace('.v', '-fixed.v'), text);
    expect(again.diagnostics.filter((x) => x.code === 'sem-width-mismatch')).toEqual([]);
    await client.close(again.uri);
  });
});

describe('fill in port connections', () => {
  it('connects every missing port of the instance under the cursor', async () => {
    const file = path.join(ACTIONS, 'fill.v');
    const { uri, diagnostics } = await openWithDiagnostics(file);
    const pos = positionOf(file, 'u_leaf', 0, 2);
    const actions = await actionsAt(uri, { start: pos, end: pos }, diagnostics);
    const fill = actions.find((a) => a.title.startsWith('Connect all ports'));
    expect(fill?.title).toBe('Connect all ports of u_leaf (2 missing)');
    const text = applied(file, uri, fill!);
    expectGolden('features/actions/fill.v', text);
    await client.close(uri);
    const again = await openWithDiagnostics(file.replace('.v', '-fixed.v'), text);
    expect(again.diagnostics.filter((x) => String(x.code).includes('port'))).toEqual([]);
    await client.close(again.uri);
  });

  it('offers nothing when every port is connected or outside instances', async () => {
    const file = path.join(ACTIONS, 'fill.v');
    const { uri } = await openWithDiagnostics(file);
    const pos = positionOf(file, 'assign q', 0, 2);
    expect(await actionsAt(uri, { start: pos, end: pos }, [])).toEqual([]);
    await client.close(uri);
  });
});
