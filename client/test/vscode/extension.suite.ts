/**
 * The extension in a real VS Code: runs in code-server's Node extension host against the bundled
 * client and server (dist/), in a throwaway workspace that test/vscode/code-server.mjs builds:
 *   systolic4x4/*.v  errors/missing-semicolon.v  .vscode/settings.json (ppaLens.top = systolic_top)
 *
 * Each test states what a user would see; the report steps adapt to what the server offers today
 * (the `ppaLens.server.report` command is still being built) and tighten by themselves once it
 * advertises the command.
 */
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PpaLensApi } from '../../src/api';
import { COMMANDS, SETTINGS_SECTION } from '../../src/ids';
import { SERVER_COMMANDS, type ReportParams } from '../../src/protocol';

const EXTENSION_ID = 'ppa-lens.ppa-lens';
const REPORT_VIEW_TYPE = 'ppaLens.report';

let api: PpaLensApi;

function wsFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsFile(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls `probe` until it returns something truthy; fails with `what` after `ms`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

function serverOffers(command: string): boolean {
  return api.client.initializeResult?.capabilities.executeCommandProvider?.commands?.includes(command) ?? false;
}

function reportTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW_TYPE));
}

/** The report model straight from the server (what the webview renders). */
async function serverReport(params: ReportParams): Promise<unknown> {
  return api.client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.report, arguments: [params] });
}

suite('PPA Lens in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension<PpaLensApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded from extensionDevelopmentPath`);
    // Opening a Verilog file is what activates the extension for a user (onLanguage:verilog).
    await open('systolic4x4/systolic_top.v');
    api = await ext.activate();
    await api.ready;
  });

  test('activates on a Verilog file and starts the language server', async () => {
    const editor = await open('systolic4x4/systolic_top.v');
    assert.equal(editor.document.languageId, 'verilog');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'extension is active');
    assert.ok(api.client.isRunning(), 'language client is running');
    assert.ok(api.client.initializeResult, 'the server answered initialize');
  });

  test('registers every palette command', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMANDS)) assert.ok(all.has(id), `command ${id} is registered`);
  });

  test('publishes the syntax error of a fixture, and clears it when the user types the fix', async () => {
    const editor = await open('errors/missing-semicolon.v');
    const uri = editor.document.uri;
    const errors = () => vscode.languages.getDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    const [error] = await waitFor('the syntax error diagnostic', () => errors().length > 0 && errors());
    assert.equal(error.range.start.line, 7, `error on line 8 (wire [7:0] x), got ${JSON.stringify(error)}`);
    assert.equal(codeOf(error), 'syntax-missing');
    assert.match(error.message, /missing `;`/);

    const line = editor.document.lineAt(7);
    const ok = await editor.edit((b) => b.insert(line.range.end, ';'));
    assert.ok(ok, 'the edit applied');
    await waitFor('the syntax error to clear after typing `;`', () => errors().length === 0);
    // Take the fix back out: the error returns (the server follows every edit, not just saves).
    const back = await editor.edit((b) => b.delete(new vscode.Range(line.range.end, line.range.end.translate(0, 1))));
    assert.ok(back, 'the second edit applied');
    await waitFor('the syntax error to return', () => errors().length > 0);
  });

  test('publishes semantic warnings', async () => {
    const editor = await open('warnings/width.v');
    const warnings = await waitFor('semantic warnings on warnings/width.v', () => {
      const w = vscode.languages
        .getDiagnostics(editor.document.uri)
        .filter((d) => d.severity === vscode.DiagnosticSeverity.Warning && codeOf(d)?.startsWith('sem-'));
      return w.length > 0 && w;
    });
    assert.ok(
      warnings.some((d) => codeOf(d) === 'sem-width-mismatch' && d.range.start.line === 4 && /4-bit target assigned a 32-bit expression/.test(d.message)),
      JSON.stringify(warnings),
    );
  });

  test('shows no errors on the example once its files are known (as `ppa-lens check` reports)', async () => {
    const files = ['systolic4x4/systolic_top.v', 'systolic4x4/systolic_array.v', 'systolic4x4/mac_pe.v'];
    for (const f of files) await open(f);
    // Errors may show for a moment while the server still indexes the other files; they must go.
    const errorsNow = () =>
      files.flatMap((f) =>
        vscode.languages
          .getDiagnostics(wsFile(f))
          .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
          .map((d) => `${f}:${d.range.start.line + 1}: ${d.message} [${codeOf(d)}]`),
      );
    try {
      await waitFor('no errors on the example', () => errorsNow().length === 0, 20_000);
    } catch (e) {
      throw new Error(`${(e as Error).message}; still: ${errorsNow().join(' | ')}`);
    }
  });

  test('"Show Estimate Report" opens the report webview (or says the server cannot yet)', async () => {
    await open('systolic4x4/systolic_top.v');
    if (serverOffers(SERVER_COMMANDS.report)) {
      await vscode.commands.executeCommand(COMMANDS.showReport);
      const [tab] = await waitFor('the report webview tab', () => reportTabs().length > 0 && reportTabs());
      assert.equal(tab.label, 'PPA Estimate Report');
    } else {
      // Until the server implements the report: the command runs, does not throw, and opens nothing.
      console.log(`note: the server does not offer ${SERVER_COMMANDS.report} yet; checking the command runs cleanly`);
      await vscode.commands.executeCommand(COMMANDS.showReport);
      assert.equal(reportTabs().length, 0);
    }
  });

  test('"Select Process Model" writes ppaLens.processModel (and the estimate follows)', async () => {
    await open('systolic4x4/systolic_top.v');
    const config = () => vscode.workspace.getConfiguration(SETTINGS_SECTION);
    assert.equal(config().get('processModel'), 'duv-7nm-mp', 'starts on the default model');
    const uri = wsFile('systolic4x4/systolic_top.v').toString();
    const before = serverOffers(SERVER_COMMANDS.report) ? JSON.stringify(await serverReport({ uri })) : undefined;

    // The real command with its real quick pick: move from the current model (first item) to the
    // next built-in and accept, the way a keyboard user would. The quick pick needs a moment to
    // appear, so keep nudging until the command's promise settles.
    // Under load the quick pick can open between the two nudges, so the default item is accepted;
    // that changes nothing (it is the current model), and the command is run again.
    let choice: string | undefined;
    for (let attempt = 0; attempt < 4 && choice !== 'euv-7nm'; attempt++) {
      const picked = Promise.resolve(vscode.commands.executeCommand<string | undefined>(COMMANDS.selectProcessModel));
      let settled = false;
      void picked.finally(() => (settled = true));
      await waitFor('the quick pick to take the choice', async () => {
        if (settled) return true;
        await new Promise((r) => setTimeout(r, 600));
        if (settled) return true;
        await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
        await new Promise((r) => setTimeout(r, 200));
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return false;
      });
      choice = await picked;
    }
    assert.equal(choice, 'euv-7nm');
    await waitFor('the setting to change', () => config().get('processModel') === 'euv-7nm');
    assert.equal(config().inspect('processModel')?.workspaceValue, 'euv-7nm', 'written to the workspace settings');

    if (before !== undefined) {
      const after = await waitFor('a different estimate under EUV', async () => {
        const now = JSON.stringify(await serverReport({ uri }));
        return now !== before && now;
      });
      assert.notEqual(after, before);
    }
  });
});
