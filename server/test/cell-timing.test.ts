import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUFFER_CELL, CELLS, FLOP_D_CAP_FF } from '../src/estimate/aig/cells';

const root = path.resolve(__dirname, '../..');
const cell = (name: string) => CELLS.find((c) => c[0] === name)!;

describe('liberty timing of the mapped cells', () => {
  it('the committed table is what cell-table.mjs derives from the shipped liberty', () => {
    const out = execFileSync(process.execPath, [path.join(root, 'scripts/accuracy/cell-table.mjs'), '--check'], { encoding: 'utf8' });
    expect(out).toMatch(/up to date \(28 cells\)/);
  });

  it('every cell has a positive intrinsic delay, load slope and input capacitance', () => {
    for (const [name, , , , d0, k, cin] of CELLS) {
      expect(d0, name).toBeGreaterThan(3);
      expect(d0, name).toBeLessThan(60);
      expect(k, name).toBeGreaterThan(0.5);
      expect(k, name).toBeLessThan(10);
      expect(cin, name).toBeGreaterThan(0.2);
      expect(cin, name).toBeLessThan(3);
    }
  });

  it('orders cells as the library does: one inverting stage is faster than two, a stronger drive has a flatter slope', () => {
    // NAND2x1 is one stage; AND2x2 a NAND and an inverter
    expect(cell('NAND2x1')[4]).toBeLessThan(cell('AND2x2')[4]);
    expect(cell('NOR2x1')[4]).toBeLessThan(cell('OR2x2')[4]);
    // x2 output stages drive a load with less delay per fF than x1 ones
    expect(cell('AND2x2')[5]).toBeLessThan(cell('AND3x1')[5]);
    expect(BUFFER_CELL[1]).toBeLessThan(cell('BUFx2')[5]);
    expect(FLOP_D_CAP_FF).toBeGreaterThan(0.2);
    expect(FLOP_D_CAP_FF).toBeLessThan(2);
  });
});
