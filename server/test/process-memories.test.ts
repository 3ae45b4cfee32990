/**
 * Register arrays under a process model: from memory.macroMinBits bits up an array is an SRAM
 * macro (its flops, write logic and read ports leave the standard cells, a macro of
 * macroUm2PerBit per bit is added); below, and on asap7-reference (whose flow has no memory
 * compiler), it stays flops.
 */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ppaLens } from './support/ci-run';
import { FIXTURES } from './support/paths';
import { getBuiltin } from '../src/process/index';
import { signalTiming } from '../src/analysis/estimates/signals';
import { ASAP7_CALIBRATION } from '../src/estimate/index';
import { estimateFiles, detailsOf } from './estimate-helpers';

const DESIGN = path.join(FIXTURES, 'memories', 'scratchpad.v');

async function estimate(processRef: string) {
  const r = await ppaLens(['estimate', '--process', processRef, '--format', 'json', '--no-config', '--no-accel-sweep', DESIGN], FIXTURES);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out);
}

describe('memories: SRAM macros above the model threshold, flops below', () => {
  it('on duv-7nm-mp the 8 Kbit array is a macro and the 128-bit one stays flops', async () => {
    const [duv, ref] = await Promise.all([estimate('duv-7nm-mp'), estimate('asap7-reference')]);
    const mems = Object.fromEntries(duv.area.memories.map((m: { name: string }) => [m.name, m]));
    expect(mems.mem).toMatchObject({ words: 256, width: 32, bits: 8192, as: 'macro', instances: 1 });
    expect(mems.tags).toMatchObject({ words: 16, width: 8, bits: 128, as: 'flops' });
    // 8192 bits at 0.042 um2 per bit
    expect(duv.area.macro_um2).toBeCloseTo(8192 * 0.042, 1);
    // the macro replaces the array's flops, write logic and read port: most of the cells go
    expect(duv.area.cell_um2).toBeLessThan(ref.area.cell_um2 * 0.2);
    expect(duv.flops).toBe(ref.flops - 8192);
    // on the reference library the flops cost several times the macro
    expect(ref.area.cell_um2).toBeGreaterThan(duv.area.macro_um2 * 3);
  });

  it('on asap7-reference every array stays flops, comparable with the reference flow', async () => {
    const ref = await estimate('asap7-reference');
    expect(ref.area.macro_um2).toBe(0);
    expect(ref.area.memories.every((m: { as: string }) => m.as === 'flops')).toBe(true);
    expect(ref.flops).toBeGreaterThanOrEqual(8192 + 128);
  });

  it('a process file can raise the threshold: then the array stays flops', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ppa-mem-'));
    const file = path.join(dir, 'big-macros.ppa-process.json');
    writeFileSync(file, JSON.stringify({ schema: 'ppa-process-model/v1', extends: 'duv-7nm-mp', name: 'big-macros', memory: { macroMinBits: 65536, assumption: 'macros from 64 Kbit' } }));
    const j = await estimate(file);
    expect(j.area.macro_um2).toBe(0);
    expect(j.area.memories.find((m: { name: string }) => m.name === 'mem').as).toBe('flops');
  });
});

describe('memories: macro timing', () => {
  it('a macro array is read at the access time, and its address ends a path at the macro', async () => {
    const [duv, ref] = await Promise.all([estimate('duv-7nm-mp'), estimate('asap7-reference')]);
    const model = getBuiltin('duv-7nm-mp')!;
    const whats = (j: { timing: { critical_path: Array<{ what: string }> } }) => j.timing.critical_path.map((s) => s.what);
    // reference flow: the 256:1 read mux of the flop array, launched by the array's flops
    expect(whats(ref)).toEqual(['memory mem 256x32', 'read mem [256:1]', 'reg rdata (setup)']);
    // duv: the macro's data out at its access time, straight into rdata
    expect(whats(duv)).toEqual(['read mem (SRAM macro access)', 'reg rdata (setup)']);
    expect(duv.timing.critical_path[0].arrival_ps).toBeCloseTo(model.memory.macroAccessPs / model.frontEnd.delayScale, 1);
    expect(duv.timing.reference_min_period_ps).toBeLessThan(ref.timing.reference_min_period_ps);
    // the read address is registered inside the macro: raddr no longer runs through a read mux into rdata
    const inToReg = (j: { timing: { clocks: Array<{ worst_paths: Array<{ kind: string; from?: string; ps: number }> }> } }) => j.timing.clocks[0].worst_paths.find((w) => w.kind === 'in->reg')!;
    expect(inToReg(ref)).toMatchObject({ from: 'raddr' });
    expect(inToReg(duv).from).not.toBe('raddr');
    expect(inToReg(duv).ps).toBeLessThan(inToReg(ref).ps);
  });

  it('times macros inside instances: the banks of a scratchpad', async () => {
    const dir = path.join(FIXTURES, '../../shared/designs/weight_sram_bank');
    const run = async (processRef: string) => {
      const r = await ppaLens(['estimate', '--process', processRef, '--format', 'json', '--no-config', '--no-accel-sweep', '--top', 'weight_sram_bank', '-P', 'DEPTH=256', 'weight_sram_bank.v', 'sram_bank.v'], dir);
      expect(r.code, r.err).toBe(0);
      return JSON.parse(r.out);
    };
    const [duv, ref] = await Promise.all([run('duv-7nm-mp'), run('asap7-reference')]);
    expect(duv.area.memories).toMatchObject([{ module: 'sram_bank', instances: 4, bits: 8192, as: 'macro' }]);
    const first = duv.timing.critical_path[0];
    expect(first.what).toBe('read mem (SRAM macro access)');
    expect(first.instance).toMatch(/^g_bank\[\d\]\.u_bank$/);
    expect(ref.timing.critical_path.some((s: { what: string }) => s.what === 'read mem (SRAM macro access)')).toBe(false);
  });

  it('a signal hover gives the arrival through the macro, as the critical path does', async () => {
    const est = await estimateFiles([DESIGN], 'scratchpad');
    const top = [...detailsOf(est).modules(est).keys()].find((m) => m.name === 'scratchpad')!;
    const duv = getBuiltin('duv-7nm-mp')!;
    const ref = getBuiltin('asap7-reference')!;
    const [flops] = signalTiming(top, est, detailsOf(est), ASAP7_CALIBRATION, 'rdata', ref);
    const [macro] = signalTiming(top, est, detailsOf(est), ASAP7_CALIBRATION, 'rdata', duv);
    // rdata's next value: through the 256:1 read mux of the flops, or straight from the macro
    expect(flops.dArrivalPs).toBeCloseTo(278.6, 0);
    expect(macro.dArrivalPs).toBeCloseTo(duv.memory.macroAccessPs / duv.frontEnd.delayScale, 0);
    // without a process model the hover stays on the estimate's own (flop) timing
    expect(signalTiming(top, est, detailsOf(est), ASAP7_CALIBRATION, 'rdata')[0].dArrivalPs).toBe(flops.dArrivalPs);
  });

  it('an array that stays flops keeps the flop read path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ppa-mem-'));
    const file = path.join(dir, 'big-macros.ppa-process.json');
    writeFileSync(file, JSON.stringify({ schema: 'ppa-process-model/v1', extends: 'duv-7nm-mp', name: 'big-macros', memory: { macroMinBits: 65536, assumption: 'macros from 64 Kbit' } }));
    const [flops, ref] = await Promise.all([estimate(file), estimate('asap7-reference')]);
    expect(flops.timing.reference_min_period_ps).toBe(ref.timing.reference_min_period_ps);
    expect(flops.timing.critical_path.map((s: { what: string }) => s.what)).toContain('read mem [256:1]');
  });

  it('by_module leaves out the arrays that became macros, as cell_um2 and flops do', async () => {
    for (const ref of ['duv-7nm-mp', 'asap7-reference']) {
      const j = await estimate(ref);
      const rows = j.area.by_module as Array<{ cell_um2: number; flops: number }>;
      expect(rows.reduce((s, r) => s + r.cell_um2, 0)).toBeCloseTo(j.area.cell_um2, 1);
      expect(rows.reduce((s, r) => s + r.flops, 0)).toBe(j.flops);
    }
  });
});

describe('memories in the report', () => {
  it('the report model names the macros of the primary process model', async () => {
    const r = await ppaLens(['report', '--format', 'json', DESIGN], FIXTURES);
    expect(r.code, r.err).toBe(0);
    const m = JSON.parse(r.out);
    expect(m.processes[0].process).toBe('duv-7nm-mp');
    expect(m.processes[0].macros).toMatchObject({ count: 1, bits: 8192 });
    expect(m.processes[0].macros.areaUm2).toBeCloseTo(8192 * 0.042, 1);
  });
});
