/**
 * The client's decisions that do not need VS Code: the process model choices, the status bar text,
 * what to tell the user when a server command fails, and the report page's security.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROCESS_MODELS, processModelChoices, processModelShortName } from '../src/process-models';
import { SERVER_COMMANDS } from '../src/protocol';
import { RPC_ERRORS, failureMessage, notSupportedMessage, serverAdvertises } from '../src/server-command-messages';
import { parseStatusParams, statusView } from '../src/status-text';
import { rewriteClientLogLine } from '../src/log-lines';
import { contentSecurityPolicy, escapeHtml, parseViewMessage, reportPageHtml } from '../src/report/report-html';

describe('process model choices', () => {
  it('lists the built-ins first, then workspace files sorted, and marks the current one', () => {
    const choices = processModelChoices('models/b.ppa-process.json', ['models/b.ppa-process.json', 'a.ppa-process.json']);
    expect(choices.map((c) => c.value)).toEqual(['duv-7nm-mp', 'euv-7nm', 'asap7-reference', 'a.ppa-process.json', 'models/b.ppa-process.json']);
    expect(choices.filter((c) => c.current).map((c) => c.value)).toEqual(['models/b.ppa-process.json']);
    expect(choices.find((c) => c.value === 'a.ppa-process.json')!.label).toBe('a');
  });

  it('recognises the current file whatever its separators', () => {
    const choices = processModelChoices('.\\models\\fab.ppa-process.json', ['models/fab.ppa-process.json']);
    expect(choices.find((c) => c.kind === 'file')!.current).toBe(true);
  });

  it('drops duplicate files', () => {
    expect(processModelChoices('duv-7nm-mp', ['x.ppa-process.json', './x.ppa-process.json']).filter((c) => c.kind === 'file')).toHaveLength(1);
  });

  it('names models briefly for the status bar', () => {
    expect(processModelShortName('euv-7nm')).toBe('euv-7nm');
    expect(processModelShortName('models/fab-a.ppa-process.json')).toBe('fab-a');
  });

  it('offers the three built-in models of the brief', () => {
    expect(BUILTIN_PROCESS_MODELS.map((m) => m.id)).toEqual(['duv-7nm-mp', 'euv-7nm', 'asap7-reference']);
  });
});

describe('status bar', () => {
  it('shows the server text with a click hint, or the process model before the server reports', () => {
    expect(statusView({ text: '$(chip) 1.2 mm²', tooltip: 'top: npu' }, 'duv-7nm-mp')).toEqual({
      text: '$(chip) 1.2 mm²',
      tooltip: 'top: npu\n\nClick to select the process model.',
    });
    expect(statusView(undefined, 'models/fab.ppa-process.json').text).toBe('$(chip) fab');
  });

  it('accepts only well-formed status notifications', () => {
    expect(parseStatusParams({ text: 'a', tooltip: 'b', extra: 1 })).toEqual({ text: 'a', tooltip: 'b' });
    expect(parseStatusParams({ text: 'a', tooltip: 3 })).toEqual({ text: 'a' });
    expect(parseStatusParams({ tooltip: 'b' })).toBeUndefined();
    expect(parseStatusParams(null)).toBeUndefined();
    expect(parseStatusParams('text')).toBeUndefined();
    expect(parseStatusParams({ text: 'a', processModel: 'euv-7nm', stale: true, notice: 'n', top: 't' })).toEqual({ text: 'a', processModel: 'euv-7nm', stale: true, notice: 'n', top: 't' });
    // figures sent while the workspace is still being indexed say so
    expect(parseStatusParams({ text: 'a', partial: true })).toEqual({ text: 'a', partial: true });
    expect(parseStatusParams({ text: 'a', partial: 'yes' })).toEqual({ text: 'a' });
  });

  it('says it is estimating until the first estimate arrives', () => {
    expect(statusView(undefined, 'euv-7nm', true).text).toBe('$(sync~spin) estimating… · euv-7nm');
    expect(statusView(undefined, 'euv-7nm', false).text).toBe('$(chip) euv-7nm');
  });
});

describe('client log', () => {
  it('a clean server exit (a restart) is information, not an error', () => {
    expect(rewriteClientLogLine('[Error - 10:00:01 AM] Server process exited with code 0.')).toBe('[Info  - 10:00:01 AM] Server process exited normally (code 0).');
    expect(rewriteClientLogLine('[Error - 10:00:01 AM] Server process exited with code 1.')).toBe('[Error - 10:00:01 AM] Server process exited with code 1.');
  });
});

describe('server command failures', () => {
  it('checks what the server advertises', () => {
    const caps = { executeCommandProvider: { commands: [SERVER_COMMANDS.report] } };
    expect(serverAdvertises(caps, SERVER_COMMANDS.report)).toBe(true);
    expect(serverAdvertises(caps, SERVER_COMMANDS.calibrate)).toBe(false);
    expect(serverAdvertises({}, SERVER_COMMANDS.report)).toBe(false);
    expect(serverAdvertises(undefined, SERVER_COMMANDS.report)).toBe(false);
  });

  it('explains each kind of failure in the words of the action', () => {
    const action = 'show the estimate report';
    expect(failureMessage(action, { code: RPC_ERRORS.methodNotFound, message: 'Unhandled method' })).toBe(notSupportedMessage(action));
    expect(failureMessage(action, { code: RPC_ERRORS.connectionInactive, message: 'x' })).toMatch(/not running.*Restart Server/);
    expect(failureMessage(action, { code: RPC_ERRORS.requestCancelled, message: 'cancelled' })).toBeUndefined();
    expect(failureMessage(action, Object.assign(new Error('no top module found'), { code: RPC_ERRORS.internalError }))).toBe(
      'PPA Lens: could not show the estimate report: no top module found',
    );
    expect(failureMessage(action, 'boom')).toBe('PPA Lens: could not show the estimate report: boom');
  });
});

describe('report page', () => {
  const html = reportPageHtml({
    nonce: 'N0NCE',
    cspSource: 'vscode-resource:',
    title: 'R <1>',
    scriptUri: 'vscode-resource:/dist/report-view.js?"><script>',
    styleUri: 'vscode-resource:/dist/report-view.css',
  });

  it('allows no network and only nonce-carrying scripts and styles', () => {
    const csp = contentSecurityPolicy('vscode-resource:', 'N0NCE');
    expect(csp).toMatch(/^default-src 'none'/);
    expect(csp).toContain("script-src 'nonce-N0NCE'");
    expect(csp).not.toMatch(/https?:|unsafe-inline|unsafe-eval|\*/);
    expect(html).toContain('http-equiv="Content-Security-Policy"');
    expect(html).toContain('<style nonce="N0NCE">');
    // the only script is the bundled view, and it carries the nonce
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="N0NCE" src="vscode-resource:/dist/report-view.js?&quot;&gt;&lt;script&gt;">']);
    expect(html).toContain('<link rel="stylesheet" href="vscode-resource:/dist/report-view.css">');
  });

  it('escapes everything it is given', () => {
    expect(html).toContain('<title>R &lt;1&gt;</title>');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('uses the theme colours', () => {
    expect(html).toContain('var(--vscode-editor-background)');
    expect(html).toContain('var(--vscode-foreground)');
  });

  it('accepts only well-formed messages from the view', () => {
    expect(parseViewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseViewMessage({ type: 'open', path: '/w/a.v', line: 3, column: 0 })).toEqual({ type: 'open', path: '/w/a.v', line: 3, column: 1 });
    expect(parseViewMessage({ type: 'open', path: 7, line: 3, column: 1 })).toBeUndefined();
    expect(parseViewMessage({ type: 'open', path: '/w/a.v', line: '3', column: 1 })).toBeUndefined();
    expect(parseViewMessage({ type: 'run', command: 'rm' })).toBeUndefined();
    expect(parseViewMessage(null)).toBeUndefined();
  });
});
