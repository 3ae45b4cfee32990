/**
 * The standalone report: ONE self-contained HTML file (CI artifact, mail attachment) with the model,
 * the view script and its CSS inlined. Its Content-Security-Policy allows nothing from the network
 * and only the exact inline script and style it carries (by SHA-256 hash, so the file is
 * reproducible: the same model gives the same bytes). The model travels as a JSON data block, which
 * the browser never executes.
 */
import { REPORT_DATA_ID, type ReportModel } from './types';

export function standaloneCsp(scriptHash: string, styleHash: string): string {
  return ["default-src 'none'", `script-src '${scriptHash}'`, `style-src '${styleHash}'`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
}

/** The SHA-256 of a text's UTF-8 bytes, base64: the host's (Node's crypto; this stage imports no Node module). */
export type Sha256Base64 = (text: string) => string;

export function renderStandaloneHtml(model: ReportModel, viewScript: string, css: string, sha256Base64: Sha256Base64): string {
  const sha256 = (s: string) => `sha256-${sha256Base64(s)}`;
  // Inline blocks end at the first </script or </style whatever the context: neutralise both.
  const script = `\n${viewScript.replace(/<\/(script)/gi, '<\\/$1')}\n`;
  const style = `\n${css.replace(/<\/(style)/gi, '<\\/$1')}\n`;
  const data = JSON.stringify(model).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  const title = `PPA estimate: ${model.top} on ${model.process}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(standaloneCsp(sha256(script), sha256(style)))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="ppa-lens ${escapeHtml(model.version)}">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body class="ppa-standalone">
<main id="app"><p>${escapeHtml(title)}</p><noscript>The report needs JavaScript to draw its tables and charts.</noscript></main>
<script type="application/json" id="${REPORT_DATA_ID}">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
