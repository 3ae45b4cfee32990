/**
 * The HTML shell of the report webview. Pure, so its security properties are tested: a strict
 * Content-Security-Policy (no network; the only script is the bundled view, dist/report-view.js,
 * carrying the per-render nonce; styles from the bundle or with the nonce), VS Code theme colours
 * through CSS variables, and every string escaped. The view draws the report from the model the
 * panel posts to it (server/src/report/view/), the same code the standalone HTML inlines.
 */

export interface ReportPageInput {
  /** Random per render; the only script allowed to run carries it. */
  nonce: string;
  /** The webview's `cspSource` (lets bundled local resources load, nothing else). */
  cspSource: string;
  title: string;
  /** webview URIs of dist/report-view.js and dist/report-view.css. */
  scriptUri: string;
  styleUri: string;
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
  const { nonce, cspSource, title, scriptUri, styleUri } = input;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<style nonce="${escapeHtml(nonce)}">
  body { color: var(--vscode-foreground); background: var(--vscode-editor-background); }
</style>
</head>
<body>
<main id="app"><p>Estimating…</p></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Messages between the view and the panel (the view's side is server/src/report/types.ts). */
export type ViewMessage = { type: 'ready' } | { type: 'refresh' } | { type: 'open'; path: string; line: number; column: number };

/** A message from the webview, checked: it is untrusted input as far as the extension is concerned. */
export function parseViewMessage(m: unknown): ViewMessage | undefined {
  if (typeof m !== 'object' || m === null) return undefined;
  const r = m as Record<string, unknown>;
  if (r.type === 'ready' || r.type === 'refresh') return { type: r.type };
  if (r.type === 'open' && typeof r.path === 'string' && r.path.length > 0 && Number.isInteger(r.line) && Number.isInteger(r.column))
    return { type: 'open', path: r.path, line: Math.max(1, r.line as number), column: Math.max(1, r.column as number) };
  return undefined;
}
