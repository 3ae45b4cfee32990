/**
 * Process-model files in the editor, over stdio: the loader's problems are diagnostics at their
 * place in the JSON (any LSP client, not only VS Code's schema validation), updated while typing.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LspClient } from './support/lsp-client';
import { FIXTURES } from './support/paths';

let client: LspClient;
beforeAll(async () => {
  client = await LspClient.start();
});
afterAll(() => client.kill());

const file = path.join(FIXTURES, 'process', 'typed.ppa-process.json');
const text = (d0: string) =>
  `{\n  "schema": "ppa-process-model/v1",\n  "name": "typed",\n  "extends": "duv-7nm-mp",\n  "manufacturing": { "defects": { "d0PerCm2": ${d0}, "source": "our fab" } }\n}\n`;

it('a negative D0 is an error at its value; fixing it clears the diagnostic', async () => {
  const uri = await client.open(file, text('-0.1'), 'json');
  const bad = (await client.waitForDiagnostics(uri)).diagnostics;
  expect(bad).toHaveLength(1);
  expect(bad[0].code).toBe('process-out-of-range');
  expect(bad[0].range.start).toEqual({ line: 4, character: 46 });
  const mark = client.mark();
  await client.change(uri, [{ range: { start: { line: 4, character: 46 }, end: { line: 4, character: 50 } }, text: '0.12' }]);
  expect((await client.waitForDiagnostics(uri, { after: mark })).diagnostics).toEqual([]);
});

it('an extends cycle through another open buffer is reported at the extends value', async () => {
  const a = path.join(FIXTURES, 'process', 'cycle-a.ppa-process.json');
  const b = path.join(FIXTURES, 'process', 'cycle-b.ppa-process.json');
  const body = (name: string, ext: string) => `{\n  "schema": "ppa-process-model/v1",\n  "name": "${name}",\n  "extends": "./${ext}"\n}\n`;
  await client.open(b, body('b', 'cycle-a.ppa-process.json'), 'json');
  const ua = await client.open(a, body('a', 'cycle-b.ppa-process.json'), 'json');
  const ds = (await client.waitForDiagnostics(ua)).diagnostics;
  const cycle = ds.find((d) => d.code === 'process-extends-cycle');
  expect(cycle, JSON.stringify(ds)).toBeDefined();
  expect(cycle!.range.start.line).toBe(3);
});
