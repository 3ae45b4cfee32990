/**
 * The process-model file format: the JSON Schema shipped to VS Code equals the one the loader
 * uses, every built-in validates against it, and each class of bad file gives the right located
 * diagnostic (checked against the offset of the offending text in the fixture).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/base/codes';
import type { Diagnostic } from '../src/base/diagnostic';
import { LineIndex } from '../src/base/text';
import { BUILTIN_MODELS, getBuiltin, loadProcessModel, processModelSchema, type ProcessModel } from '../src/process/index';
import { expectGoldenJson } from './support/golden';
import { ROOT } from './support/paths';

const SCHEMA_FILE = path.join(ROOT, 'schemas', 'process-model.schema.json');
const DIR = '/virtual/proj';

/** An in-memory file system: the loader only sees what the test gives it. */
function fs(files: Record<string, string>) {
  const abs = Object.fromEntries(Object.entries(files).map(([k, v]) => [path.join(DIR, k), v]));
  return (p: string) => abs[p];
}

function load(files: Record<string, string>, entry = 'my.ppa-process.json') {
  return loadProcessModel(entry, fs(files), { cwd: DIR });
}

/** Assert exactly one diagnostic with `code`, in `file`, starting where `needle` starts in its text. */
function expectAt(ds: Diagnostic[], code: string, files: Record<string, string>, file: string, needle: string, nth = 0) {
  expect(ds.map((d) => d.code)).toContain(code);
  const d = ds.find((x) => x.code === code) as Diagnostic;
  expect(d.file).toBe(path.join(DIR, file));
  const text = files[file];
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  expect(at, `fixture contains ${needle}`).toBeGreaterThanOrEqual(0);
  expect(d.range.start).toEqual(new LineIndex(text).positionAt(at));
  expect(d.severity).toBe('error');
  expect(Object.keys(CODES)).toContain(d.code);
  return d;
}

const SCHEMA_LINE = '"schema": "ppa-process-model/v1"';

describe('shipped JSON Schema', () => {
  it('schemas/process-model.schema.json is the schema the loader uses (UPDATE_GOLDEN=1 regenerates)', () => {
    expectGoldenJson(SCHEMA_FILE, processModelSchema());
  });

  it('every built-in validates against the shipped schema', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
    for (const [name, model] of Object.entries(BUILTIN_MODELS)) {
      const ok = validate(JSON.parse(JSON.stringify(model)));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('every field group of every built-in says where its numbers come from', () => {
    const groups = (m: ProcessModel) => [
      m.frontEnd, m.beol, ...m.beol.layers, m.wireLoad, m.timing, m.memory,
      ...Object.values(m.manufacturing), m.packaging.os, m.packaging.fo, m.packaging.si, m.packaging.d2d,
    ];
    for (const m of Object.values(BUILTIN_MODELS))
      for (const g of groups(m)) expect(Boolean(g.source || g.assumption), `${m.name}: ${JSON.stringify(g).slice(0, 60)}`).toBe(true);
  });
});

describe('built-in models', () => {
  it('load by name, as fresh copies', () => {
    for (const name of Object.keys(BUILTIN_MODELS)) {
      const r = loadProcessModel(name, () => undefined);
      expect(r.diagnostics).toEqual([]);
      expect(r.model).toEqual(BUILTIN_MODELS[name]);
      expect(r.model).not.toBe(BUILTIN_MODELS[name]);
    }
  });

  it('euv-7nm differs from duv-7nm-mp where lithography matters', () => {
    const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
    const euv = getBuiltin('euv-7nm') as ProcessModel;
    expect(euv.manufacturing.masks.count).toBeLessThan(duv.manufacturing.masks.count);
    expect(euv.timing.mpGuardbandSigmas).toBe(0);
    const m1 = (m: ProcessModel) => m.beol.layers.find((l) => l.name === 'M1-M3');
    expect(m1(euv)?.patterning).toBe('euv-single');
    expect(m1(euv)?.couplingCapSigmaPct).toBeLessThan(m1(duv)?.couplingCapSigmaPct ?? 0);
  });

  it('a complete model written to a file loads back equal to itself', () => {
    const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
    const r = load({ 'my.ppa-process.json': JSON.stringify(duv, null, 2) });
    expect(r.diagnostics).toEqual([]);
    expect(r.model).toEqual(duv);
  });
});

describe('extends', () => {
  it('deep-merges overrides onto a built-in, replacing arrays whole', () => {
    const files = {
      'my.ppa-process.json': `{
  ${SCHEMA_LINE},
  "extends": "duv-7nm-mp",
  // a fab with worse defects
  "name": "my-fab",
  "manufacturing": { "defects": { "d0PerCm2": 0.2, "source": "our fab, Q3" } },
  "beol": { "layers": [
    { "name": "M1-M9", "pitchNm": 80, "patterning": "single", "rOhmPerUm": 20, "cFfPerUm": 0.17, "couplingCapSigmaPct": 2, "assumption": "one class" }
  ] },
  "wireLoad": { "layerShares": { "M1-M9": 1 } }
}`,
    };
    const r = load(files);
    expect(r.diagnostics).toEqual([]);
    const m = r.model as ProcessModel;
    const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
    expect(m.name).toBe('my-fab');
    expect(m.manufacturing.defects.d0PerCm2).toBe(0.2);
    expect(m.manufacturing.defects.clusterAlpha).toBe(duv.manufacturing.defects.clusterAlpha);
    expect(m.manufacturing.wafer).toEqual(duv.manufacturing.wafer);
    expect(m.beol.layers.map((l) => l.name)).toEqual(['M1-M9']);
    expect(m.wireLoad.layerShares).toEqual({ 'M1-M9': 1 });
    expect(m.wireLoad.umPerFanout).toBe(duv.wireLoad.umPerFanout);
  });

  it('follows relative files; an error in the extended file is located in that file', () => {
    const files = {
      'my.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "base/fab.ppa-process.json", "name": "mine" }`,
      'base/fab.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "euv-7nm", "timing": { "setupUncertaintyPs": -5 } }`,
    };
    const r = load(files);
    expect(r.model).toBeUndefined();
    expectAt(r.diagnostics, 'process-out-of-range', files, 'base/fab.ppa-process.json', '-5');
    expect(r.files).toEqual([path.join(DIR, 'my.ppa-process.json'), path.join(DIR, 'base/fab.ppa-process.json')]);

    files['base/fab.ppa-process.json'] = `{ ${SCHEMA_LINE}, "extends": "euv-7nm", "timing": { "setupUncertaintyPs": 35 } }`;
    const ok = load(files);
    expect(ok.diagnostics).toEqual([]);
    expect(ok.model?.name).toBe('mine');
    expect(ok.model?.timing.setupUncertaintyPs).toBe(35);
    expect(ok.model?.timing.mpGuardbandSigmas).toBe(0);
  });
});

describe('bad files give located errors', () => {
  const over = (body: string) => ({ 'my.ppa-process.json': `{\n  ${SCHEMA_LINE},\n  "extends": "duv-7nm-mp",\n${body}\n}\n` });

  it('unknown field: at the key, with a did-you-mean', () => {
    const files = over(`  "manufacturing": { "defects": { "d0PerCm3": 0.1 } }`);
    const d = expectAt(load(files).diagnostics, 'process-unknown-field', files, 'my.ppa-process.json', '"d0PerCm3"');
    expect(d.message).toContain('d0PerCm2');
  });

  it('unknown top-level section', () => {
    const files = over(`  "lithography": {}`);
    expectAt(load(files).diagnostics, 'process-unknown-field', files, 'my.ppa-process.json', '"lithography"');
  });

  it('wrong type: at the value', () => {
    const files = over(`  "manufacturing": { "defects": { "d0PerCm2": "0.1" } }`);
    const d = expectAt(load(files).diagnostics, 'process-wrong-type', files, 'my.ppa-process.json', '"0.1"');
    expect(d.message).toMatch(/number/);
  });

  it('not an allowed value (patterning, yield model)', () => {
    const files = over(`  "manufacturing": { "defects": { "yieldModel": "seeds" } }`);
    const d = expectAt(load(files).diagnostics, 'process-wrong-type', files, 'my.ppa-process.json', '"seeds"');
    expect(d.message).toContain('negative-binomial');
  });

  it('negative D0', () => {
    const files = over(`  "manufacturing": { "defects": { "d0PerCm2": -0.1 } }`);
    const d = expectAt(load(files).diagnostics, 'process-out-of-range', files, 'my.ppa-process.json', '-0.1');
    expect(d.message).toContain('>= 0');
  });

  it('a yield above 1', () => {
    const files = over(`  "packaging": { "si": { "bondYield": 1.2 } }`);
    const d = expectAt(load(files).diagnostics, 'process-out-of-range', files, 'my.ppa-process.json', '1.2');
    expect(d.message).toContain('<= 1');
  });

  it('a utilisation above 1', () => {
    const files = over(`  "frontEnd": { "utilisation": 1.5 }`);
    expectAt(load(files).diagnostics, 'process-out-of-range', files, 'my.ppa-process.json', '1.5');
  });

  it('extends cycle: at the extends value that closes it, with the rest of the cycle related', () => {
    const files = {
      'my.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "./other.ppa-process.json" }`,
      'other.ppa-process.json': `{\n  ${SCHEMA_LINE},\n  "extends": "my.ppa-process.json"\n}`,
    };
    const r = load(files);
    expect(r.model).toBeUndefined();
    const d = expectAt(r.diagnostics, 'process-extends-cycle', files, 'other.ppa-process.json', '"my.ppa-process.json"');
    expect(d.related?.[0]?.file).toBe(path.join(DIR, 'my.ppa-process.json'));
  });

  it('a file extending itself', () => {
    const files = { 'my.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "my.ppa-process.json" }` };
    expectAt(load(files).diagnostics, 'process-extends-cycle', files, 'my.ppa-process.json', '"my.ppa-process.json"');
  });

  it('unknown built-in', () => {
    const files = { 'my.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "duv-5nm" }` };
    const d = expectAt(load(files).diagnostics, 'process-unknown-builtin', files, 'my.ppa-process.json', '"duv-5nm"');
    expect(d.message).toContain('duv-7nm-mp');
    expect(loadProcessModel('duv-5nm', () => undefined).diagnostics[0]?.code).toBe('process-unknown-builtin');
  });

  it('missing extended file', () => {
    const files = { 'my.ppa-process.json': `{ ${SCHEMA_LINE}, "extends": "./nope.json" }` };
    expectAt(load(files).diagnostics, 'process-file-not-found', files, 'my.ppa-process.json', '"./nope.json"');
  });

  it('JSON syntax error', () => {
    const files = { 'my.ppa-process.json': `{\n  ${SCHEMA_LINE},\n  "extends": "duv-7nm-mp"\n  "name": "x"\n}` };
    const r = load(files);
    expect(r.model).toBeUndefined();
    expectAt(r.diagnostics, 'process-json-syntax', files, 'my.ppa-process.json', '"name"');
  });

  it('wrong schema version', () => {
    const files = { 'my.ppa-process.json': `{ "schema": "ppa-process-model/v9", "extends": "duv-7nm-mp" }` };
    expectAt(load(files).diagnostics, 'process-schema-version', files, 'my.ppa-process.json', '"ppa-process-model/v9"');
  });

  it('a complete file (no extends) missing a section or a provenance note', () => {
    const duv = getBuiltin('duv-7nm-mp') as ProcessModel;
    const { memory: _m, ...noMemory } = duv;
    const files1 = { 'my.ppa-process.json': JSON.stringify(noMemory, null, 2) };
    const d1 = expectAt(load(files1).diagnostics, 'process-missing-field', files1, 'my.ppa-process.json', '{');
    expect(d1.message).toContain('"memory"');

    const bare = structuredClone(duv);
    delete bare.timing.source;
    delete bare.timing.assumption;
    const files2 = { 'my.ppa-process.json': JSON.stringify(bare, null, 2) };
    const d2 = expectAt(load(files2).diagnostics, 'process-missing-field', files2, 'my.ppa-process.json', '"timing"');
    expect(d2.message).toMatch(/source.*assumption/);
  });

  it('inconsistent fields: wire shares naming a layer class that does not exist', () => {
    const files = over(`  "wireLoad": { "layerShares": { "M1-M3": 0.7, "M4-M6": 0.25, "M8+": 0.05, "M7+": 0 } }`);
    const d = expectAt(load(files).diagnostics, 'process-inconsistent', files, 'my.ppa-process.json', '"M8+"');
    expect(d.message).toContain('M8+');
  });

  it('inconsistent fields: shares that do not sum to 1', () => {
    const files = over(`  "wireLoad": { "layerShares": { "M1-M3": 0.9 } }`);
    const d = expectAt(load(files).diagnostics, 'process-inconsistent', files, 'my.ppa-process.json', '{ "M1-M3"');
    expect(d.message).toContain('sum to 0.9');
  });

  it('reports every problem of a file, not only the first', () => {
    const files = over(`  "manufacturing": { "defects": { "d0PerCm2": -1, "clusterAlpha": "ten" } },\n  "frontEnd": { "areaScal": 1 }`);
    const codes = load(files).diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['process-out-of-range', 'process-unknown-field', 'process-wrong-type']);
  });
});
