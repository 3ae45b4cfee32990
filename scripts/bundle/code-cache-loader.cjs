'use strict';
/**
 * The entry file of a bundle (dist/cli.js, dist/server.js; copied there by scripts/build.mjs): runs
 * the esbuild bundle beside it (`<name>.bundle.js`) as Node's CommonJS loader would, but compiled with
 * V8's code cache `<name>.bundle.cache` when that was made for this very bundle by this very Node.
 * Compiling the 1.9 MB bundle and then, lazily, each function it runs at start-up costs 50-80 ms of
 * CPU per process; with the cache V8 deserializes the code instead (issue 15). Node 20 has no
 * `module.enableCompileCache`.
 *
 * The cache is made by scripts/build.mjs, which runs the bundle once on a small design with
 * PPA_LENS_CODE_CACHE=write (the cache then holds the functions that run). It is used only when its
 * header names the running Node version and the SHA-256 of the bundle's bytes, and V8 accepts it
 * (V8 checks its own version and flags); otherwise the bundle is compiled as usual. Nothing is ever
 * written at run time unless PPA_LENS_CODE_CACHE=write; PPA_LENS_CODE_CACHE=off ignores the cache, and
 * PPA_LENS_CODE_CACHE=trace says on stderr whether it was used.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createHash } = require('node:crypto');
const Module = require('node:module');

const name = path.basename(__filename, '.js');
const bundle = path.join(__dirname, `${name}.bundle.js`);
const cacheFile = path.join(__dirname, `${name}.bundle.cache`);
const MAGIC = 'ppa-lens-code-cache 1';
const mode = process.env.PPA_LENS_CODE_CACHE;

const bytes = fs.readFileSync(bundle);
const digest = createHash('sha256').update(bytes).digest('hex');
const header = `${MAGIC} ${process.version} ${digest}\n`;

/** The V8 data of the cache file if its header matches this bundle and this Node, else undefined. */
function cachedData() {
  if (mode === 'off' || mode === 'write') return undefined;
  let file;
  try {
    file = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const nl = file.indexOf(10);
  if (nl < 0 || file.toString('latin1', 0, nl + 1) !== header) return undefined;
  return file.subarray(nl + 1);
}

const data = cachedData();
const script = new vm.Script(Module.wrap(bytes.toString('utf8')), {
  filename: bundle,
  cachedData: data,
  importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
});
if (mode === 'trace') process.stderr.write(`${name}: code cache ${data ? (script.cachedDataRejected ? 'rejected by V8' : 'used') : 'absent or not for this bundle and Node'}\n`);
if (mode === 'write') {
  process.on('exit', () => {
    fs.writeFileSync(cacheFile, Buffer.concat([Buffer.from(header, 'latin1'), script.createCachedData()]));
  });
}
const wrapper = script.runInThisContext();
const mod = new Module(bundle, module);
mod.filename = bundle;
wrapper.call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, __dirname);
