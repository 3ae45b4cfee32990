/**
 * `npm run package` builds the .vsix users install. A missing file in it fails only at run time on
 * the user's machine (no grammar, no server, no wasm), and a stray node_modules or test bundle
 * bloats it; so this packs the extension and reads the archive's own listing.
 *
 * The script is `<build> && vsce package …`. Vitest's global setup has just built dist/, and other
 * test files run the bundles meanwhile, so this runs only the vsce part (a second build would
 * rewrite dist/ under them); a test checks the script does build first.
 */
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The entries of a zip's central directory (enough of the format for a listing: no zip64). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      localOffset: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

function zipRead(zip: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  main: string;
  scripts: Record<string, string>;
  contributes: {
    languages: { configuration: string }[];
    grammars: { path: string }[];
    jsonValidation: { url: string }[];
  };
};
const [buildPart, vscePart] = pkg.scripts.package.split(/\s*&&\s*/);

let tmp: string;
let zip: Buffer;
let names: string[];
const inExtension = (p: string) => `extension/${path.posix.normalize(p.replace(/^\.\//, ''))}`;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ppa-lens-vsix-'));
  const out = path.join(tmp, 'ppa-lens.vsix');
  // npm puts node_modules/.bin on PATH for scripts; do the same for the vsce part.
  const env = { ...process.env, PATH: `${path.join(REPO_ROOT, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH}` };
  execSync(`${vscePart} -o ${JSON.stringify(out)}`, { cwd: REPO_ROOT, env, stdio: 'pipe' });
  zip = readFileSync(out);
  names = zipEntries(zip).map((e) => e.name);
}, 300_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('npm run package', () => {
  it('builds first, then packs with vsce without dependencies (they are bundled)', () => {
    expect(buildPart).toMatch(/^node scripts\/build\.mjs$|^npm run (--silent )?build$/);
    expect(vscePart).toMatch(/^vsce package\b/);
    expect(vscePart).toContain('--no-dependencies');
  });

  it('contains the bundles, the wasm files and the manifest', () => {
    for (const js of ['extension.js', 'server.js', 'cli.js', 'server.bundle.js', 'cli.bundle.js']) expect(names).toContain(`extension/dist/${js}`);
    // V8 code caches of the two bundles (used only by the Node that built them, see scripts/bundle/code-cache-loader.cjs)
    for (const f of ['server.bundle.cache', 'cli.bundle.cache']) expect(names).toContain(`extension/dist/${f}`);
    expect(names).toContain(inExtension(pkg.main));
    const wasm = readdirSync(path.join(REPO_ROOT, 'dist')).filter((f) => f.endsWith('.wasm'));
    expect(wasm.sort()).toEqual(['tree-sitter-systemverilog.wasm', 'tree-sitter.wasm']);
    for (const f of wasm) expect(names).toContain(`extension/dist/${f}`);
    // the native tree-sitter runtime of this platform, when the build placed it (scripts/build.mjs placeNative)
    const plat = `${process.platform}-${process.arch}`;
    if (existsSync(path.join(REPO_ROOT, 'dist', 'native', plat)))
      for (const f of ['ppa_lens_tree_sitter.node', 'tree-sitter-systemverilog.node']) expect(names).toContain(`extension/dist/native/${plat}/${f}`);
    expect(names).toContain('extension/package.json');
    expect(names).toContain('extension.vsixmanifest');
    // the synthesis tier: its worker, the WebAssembly Yosys (copied from @yowasp/yosys) and the reduced liberty
    for (const f of ['synth-worker.js', 'yowasp-yosys/package.json', 'yowasp-yosys/gen/bundle.js', 'yowasp-yosys/gen/resources-yosys.js', 'yowasp-yosys/gen/yosys.core.wasm', 'synth-liberty/asap7-rvt-tt.full.lib.gz', 'synth-liberty/LICENSE-ASAP7'])
      expect(names).toContain(`extension/dist/${f}`);
  });

  it('contains every file the manifest points at: grammars, language configuration, schemas', () => {
    const c = pkg.contributes;
    const referenced = [
      ...c.grammars.map((g) => g.path),
      ...c.languages.map((l) => l.configuration),
      ...c.jsonValidation.map((j) => j.url),
    ];
    expect(referenced.length).toBeGreaterThan(4);
    for (const p of referenced) expect(names, p).toContain(inExtension(p));
    expect(names).toContain('extension/language-configuration.json');
    expect(names.filter((n) => n.startsWith('extension/syntaxes/')).length).toBe(2);
    expect(names.filter((n) => /^extension\/schemas\/.+\.schema\.json$/.test(n)).length).toBeGreaterThanOrEqual(2);
  });

  it('leaves out node_modules, sources, tests, fixtures and source maps', () => {
    const stray = names.filter(
      (n) =>
        n.includes('node_modules/') ||
        n.endsWith('.ts') ||
        n.endsWith('.map') ||
        /^extension\/(client|server|scripts|test|test-fixtures|test-artifacts|grammars|docs|\.vscode-test)\//.test(n) ||
        n.startsWith('extension/dist/test/'),
    );
    expect(stray).toEqual([]);
  });

  it('ships bundles that need nothing outside Node and VS Code', () => {
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'vscode']);
    for (const js of ['extension.js', 'server.bundle.js']) {
      const entry = zipEntries(zip).find((e) => e.name === `extension/dist/${js}`)!;
      const code = zipRead(zip, entry).toString('utf8');
      // Real calls only: ajv keeps `require("ajv/dist/runtime/...")` as strings for its code generator.
      const required = [...code.matchAll(/(?<!['"`])\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
      expect(required.length, js).toBeGreaterThan(0);
      expect(required.filter((r) => !allowed.has(r)), js).toEqual([]);
    }
  });

  it('packs the manifest as it is in the repository', () => {
    const entry = zipEntries(zip).find((e) => e.name === 'extension/package.json')!;
    const packed = JSON.parse(zipRead(zip, entry).toString('utf8')) as { name: string; version: string; main: string };
    expect({ name: packed.name, version: packed.version, main: packed.main }).toEqual({ name: pkg.name, version: pkg.version, main: pkg.main });
  });
});
