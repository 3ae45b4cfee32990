/**
 * The HTML of the report webview. Pure, so its security properties are tested: a strict
 * Content-Security-Policy (no network, scripts only with the per-render nonce), VS Code theme colours
 * through CSS variables, and every server-provided string escaped.
 *
 * For now the page shows the report model as formatted JSON; the charts and tables of the estimate
 * report replace the body here (issue 7), keeping the same CSP and escaping rules.
 */

export interface ReportPageInput {
  /** Random per render; the only script allowed to run carries it. */
  nonce: string;
  /** The webview's `cspSource` (lets bundled local resources load, nothing else). */
  cspSource: string;
  title: string;
  /** The report model from the server. */
  report: unknown;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function reportPageHtml(input: ReportPageInput): string {
  const { nonce, cspSource, title, report } = input;
  const body = escapeHtml(JSON.stringify(report, null, 2) ?? 'null');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style nonce="${nonce}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
  pre { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); white-space: pre-wrap; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<pre id="report">${body}</pre>
</body>
</html>
`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
