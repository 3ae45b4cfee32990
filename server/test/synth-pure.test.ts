/**
 * The synthesis tier's pure parts: the script against the reference flow's steps, the stat/log
 * parser, the content key, and the workspace correction (fitted per kind, pulled to 1, bounded).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { paramText, parseSynthOutput, scriptSteps, stepOfLine, synthScript, checkJob } from '../src/synth/flow';
import { contentKey } from '../src/synth/module-job';
import { addSample, correctedArea, correctionNote, emptyCorrection, fitCorrection, MAX_FACTOR, parseCorrection, formatCorrection, type CorrectionSample } from '../src/synth/correction';
import { stripPowerGroups, libertyCellAreas, libertyCellNames } from '../src/synth/liberty';
import { SHARED } from './support/paths';

test('the script runs the reference flow passes in its order', () => {
  const ref = readFileSync(path.join(SHARED, 'tools', 'synth-groundtruth.sh'), 'utf8');
  const script = synthScript({ sources: [{ name: 'a b/x.v', text: '' }], top: 'x', params: { W: 8 } });
  // every pass the reference script echoes up to stat, in order (splitnets/write_verilog only feed
  // OpenSTA); then the netlist for the project's own timing (write_json)
  const yosysPart = ref.slice(ref.indexOf("printf 'read_verilog"), ref.indexOf('stat -liberty $LIB_AREA'));
  const refPasses = ['read_verilog', ...[...yosysPart.matchAll(/echo "(read_verilog|chparam|hierarchy|rename|synth|dfflibmap|opt|setundef|abc|opt_clean|hilomap|tee)\b/g)].map((m) => m[1])];
  const ours = script.split('\n').filter(Boolean).map((l) => l.split(' ')[0]);
  expect(ours).toEqual([...refPasses, 'write_json']);
  expect(script).toContain('synth -top x -flatten');
  expect(script).toContain('chparam -set W 8 x');
  expect(script).toContain('"src0-x.v"');
  expect(scriptSteps(script)).toHaveLength(ours.length);
  expect(stepOfLine('5. Executing SYNTH pass.')).toBe(5);
  expect(stepOfLine('5.1. Executing BEGIN pass')).toBeUndefined();
  expect(paramText(5n)).toBe('5');
  expect(paramText(2n ** 40n)).toBe("42'sd1099511627776");
  expect(paramText('a"b')).toBe('"ab"');
  expect(checkJob({ sources: [{ name: 'x', text: '' }], top: 'x; shell rm' })).toMatch(/not a plain module name/);
});

test('stat and ABC log parsing', () => {
  const stat = `=== top ===\n\n   Number of wires: 3\n   Number of cells:                  3\n     DFFHQNx1_ASAP7_75t_R            2\n     INVx1_ASAP7_75t_R               1\n\n   Chip area for module '\\top': 1.5\n`;
  const lib = { seqCells: new Set(['DFFHQNx1_ASAP7_75t_R']), areas: { DFFHQNx1_ASAP7_75t_R: 0.3, INVx1_ASAP7_75t_R: 0.04 }, clkToQPs: 60 };
  const r = parseSynthOutput(stat, 'ABC: Delay =   100.50 ps  (x)\nABC: Delay =   120.00 ps  (x)\n', { sources: [], top: 'top' }, lib, 1.2345);
  expect(r).toMatchObject({ areaUm2: 1.5, cells: 3, flops: 2, seqAreaUm2: 0.6, abcDelayPs: 120, delayPs: 180, delaySource: 'abc+clk-to-q', seconds: 1.235 });
  expect(parseSynthOutput('nothing', '', { sources: [], top: 'top' }, lib, 0)).toMatch(/no area/);
  // with the netlist timing, its period is the delay (ABC's kept beside it); without, ABC's plus clock-to-Q and why
  const sta = { periodPs: 150.25, startpoint: 'r0', endpoint: 'r1/D', path: [{ name: 'r0', type: 'DFF', arrival: 50 }, { name: 'g', type: 'INV', arrival: 130 }], cellsTimed: 1, endpoints: 3, loopCells: 0 };
  expect(parseSynthOutput(stat, 'ABC: Delay =   120.00 ps  (x)\n', { sources: [], top: 'top' }, lib, 1, sta)).toMatchObject({ delayPs: 150.25, abcDelayPs: 120, delaySource: 'sta', criticalPath: { start: 'r0', end: 'r1/D', cells: 2 } });
  expect(parseSynthOutput(stat, 'ABC: Delay =   120.00 ps  (x)\n', { sources: [], top: 'top' }, lib, 1, 'cell type X is not in the library')).toMatchObject({ delayPs: 180, delaySource: 'abc+clk-to-q', staError: 'cell type X is not in the library' });
});

test('the content key changes with text, parameters and top only', () => {
  const a = { sources: [{ name: 'a.v', text: 'module m; endmodule' }], top: 'm', params: { W: 8n } };
  expect(contentKey(a)).toBe(contentKey({ ...a, sources: [{ name: 'elsewhere.v', text: 'module m; endmodule' }] }));
  expect(contentKey(a)).not.toBe(contentKey({ ...a, params: { W: 9n } }));
  expect(contentKey(a)).not.toBe(contentKey({ ...a, sources: [{ name: 'a.v', text: 'module m;  endmodule' }] }));
});

test('liberty reduction drops power groups and keeps cells and areas', () => {
  const lib = `library (x) {\n  cell (A) {\n    area : 1.5;\n    leakage_power () { value : 1; }\n    pin (Y) {\n      internal_power () {\n        rise_power (t) { values ("1, 2"); }\n      }\n      timing () { cell_rise (t) { values ("3"); } }\n    }\n  }\n  cell (B) {\n    area : 2;\n  }\n}\n`;
  const s = stripPowerGroups(lib);
  expect(s).not.toMatch(/power/);
  expect(s).toContain('cell_rise');
  expect(libertyCellNames(s)).toEqual(['A', 'B']);
  expect(libertyCellAreas(s)).toEqual({ A: 1.5, B: 2 });
});

const mix = (m: Partial<CorrectionSample['mix']>): CorrectionSample['mix'] => ({ datapath: 0, mux: 0, control: 0, flops: 0, memory: 0, unknown: 0, ...m });

test('the correction learns a factor per kind, pulled to 1 with few samples, bounded', () => {
  expect(correctedArea(emptyCorrection(), 100, mix({ datapath: 1 }))).toBe(100);
  // datapath estimated 20 % high on every module, flops exact
  const samples: CorrectionSample[] = [0.3, 0.5, 0.7, 0.9].map((d, i) => ({ module: `m${i}`, key: `m${i}`, estimateUm2: 100, mix: mix({ datapath: d, flops: 1 - d }), synthUm2: 100 * (d / 1.2 + (1 - d)) }));
  const one = fitCorrection(samples.slice(0, 1));
  const all = fitCorrection(samples);
  expect(all.factors.datapath).toBeLessThan(0.95);
  expect(all.factors.flops).toBeGreaterThan(0.95);
  expect(Math.abs(all.factors.datapath - 1 / 1.2)).toBeLessThan(Math.abs(one.factors.datapath - 1 / 1.2)); // more evidence, closer
  expect(all.factors.memory).toBe(1); // no sample has memory
  const held = { estimateUm2: 100, mix: mix({ datapath: 0.6, flops: 0.4 }), synth: 100 * (0.6 / 1.2 + 0.4) };
  expect(Math.abs(correctedArea(all, held.estimateUm2, held.mix) / held.synth - 1)).toBeLessThan(Math.abs(held.estimateUm2 / held.synth - 1));
  expect(correctionNote(all)).toMatch(/^calibrated on 4 of your modules \(datapath ×0\.\d\d/);
  // absurd data stays bounded
  const wild = fitCorrection([{ module: 'x', key: 'x', estimateUm2: 1, mix: mix({ control: 1 }), synthUm2: 1000 }, { module: 'y', key: 'y', estimateUm2: 1, mix: mix({ control: 1 }), synthUm2: 1000 }, { module: 'z', key: 'z', estimateUm2: 1, mix: mix({ control: 1 }), synthUm2: 1000 }]);
  expect(wild.factors.control).toBe(MAX_FACTOR);
  expect(wild.clamped).toEqual(['control']);
  // a sample for the same key replaces the old one; the file round-trips; junk is refused
  const again = addSample(all, { ...samples[0], synthUm2: 50 });
  expect(again.samples).toHaveLength(4);
  expect(parseCorrection(formatCorrection(again))).toEqual(again);
  expect(parseCorrection('{"schema":"nope"}')).toBeUndefined();
  expect(parseCorrection('not json')).toBeUndefined();
});
