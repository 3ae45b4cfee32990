/**
 * The report view's bundle (dist/report-view.js and .css, built by scripts/build.mjs), found the
 * way the wasm files are: $PPA_LENS_ASSETS, the running bundle's folder (dist/), then the
 * development tree's dist/. Node-only; the CLI and the language server inline it into the
 * standalone HTML.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface ReportAssets {
  script: string;
  css: string;
}

function folders(): string[] {
  const out: string[] = [];
  if (process.env.PPA_LENS_ASSETS) out.push(process.env.PPA_LENS_ASSETS);
  if (typeof __dirname === 'string') {
    out.push(__dirname); // dist/ in the bundle
    out.push(path.resolve(__dirname, '../../../dist')); // server/src/node under vitest
  }
  out.push(path.join(process.cwd(), 'dist'));
  return out;
}

/** The view bundle, or undefined with where it was looked for. */
export function loadReportAssets(): { assets?: ReportAssets; searched: string[] } {
  const searched = folders();
  for (const dir of searched) {
    const js = path.join(dir, 'report-view.js');
    const css = path.join(dir, 'report-view.css');
    if (existsSync(js) && existsSync(css)) return { assets: { script: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') }, searched };
  }
  return { searched };
}

/** The SHA-256 of a text's UTF-8 bytes, base64 (the standalone report's CSP hashes). */
export function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
