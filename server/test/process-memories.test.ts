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
