/**
 * Accelerator recognition on the shared designs and on snippets: what is counted as a MAC (and
 * what is not), PE array shapes, the editor queries, and the metrics' arithmetic.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceleratorSummary, gridDims, macAt, namePattern, peArrayFor, OPS_PER_MAC } from '../src/analysis/accelerator/index';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { getBuiltin } from '../src/process/index';
import { SemanticModel } from '../src/semantic/index';
import { elaborateText } from './estimate-helpers';
import { openFile } from './semantic-helpers';
import { SHARED } from './support/paths';

const DUV = getBuiltin('duv-7nm-mp')!;
const EUV = getBuiltin('euv-7nm')!;
const DESIGNS = path.join(SHARED, 'designs');

async function summarise(files: string[], top: string) {
  const sm = new SemanticModel();
  for (const f of files) sm.updateFile(await openFile(path.join(DESIGNS, f)));
  const design = sm.elaborate(top).design!;
  const estimator = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) });
  const est = estimator.estimate(design);
  return { design, est, estimator, s: acceleratorSummary(design, est, [DUV, EUV], estimator) };
}

async function snippet(text: string, top?: string) {
  const design = await elaborateText(text, top);
  const estimator = new Estimator(ASAP7_CALIBRATION);
  return acceleratorSummary(design, estimator.estimate(design), [DUV], estimator);
}

describe('shared designs', () => {
  it('systolic_array: 64 int8 signed accumulating MACs in an 8x8 PE array', async () => {
    const { s, est, estimator } = await summarise(['systolic_array/systolic_array.v', 'systolic_array/sa_pe.v', 'systolic_array/sa_skew.v'], 'systolic_array');
    expect(s.macsPerCycle).toBe(64);
    expect(s.byWidth).toEqual([{ widthClass: 'int8', bits: [8, 8], signedness: 'signed', macsPerCycle: 64, kinds: { accumulate: 64 } }]);
    expect(s.peArrays.map((a) => ({ module: a.module, instances: a.instances, dims: a.dims, pattern: a.pattern }))).toEqual([
      { module: 'sa_pe', instances: 64, dims: [8, 8], pattern: 'g_row[*].g_col[*].u_pe' },
    ]);
    // peak ops/s = 2 ops x 64 MACs x fmax; per wafer = good dies x peak; $/TOPS = cost per good die / TOPS
    for (const p of s.processes) {
      expect(p.peakTops).toBeCloseTo((OPS_PER_MAC * 64 * p.fmaxMhz * 1e6) / 1e12, 12);
      expect(p.topsPerWafer).toBeCloseTo(p.goodDiesPerWafer * p.peakTops, 6);
      expect(p.usdPerTops).toBeCloseTo(p.costPerGoodDieUsd / p.peakTops, 9);
      expect(p.topsPerMm2).toBeGreaterThan(0);
    }
    expect(s.processes.map((p) => p.process)).toEqual(['duv-7nm-mp', 'euv-7nm']);
    // DUV multi-patterning costs at least as much per TOPS as EUV for the same design
    expect(s.processes[0].usdPerTops).toBeGreaterThanOrEqual(s.processes[1].usdPerTops);
    expect(estimator.modules(est).size).toBeGreaterThan(0);
    // the code lens and the hover
    const lens = peArrayFor(s, 'sa_pe')!;
    expect(lens).toMatchObject({ instances: 64, macsPerCycle: 64 });
    expect(peArrayFor(s, 'sa_skew')).toBeUndefined();
    const site = s.sites[0].site;
    const hover = macAt(s, site.mulLoc.file, site.mulLoc.range.start)!;
    expect(hover).toMatchObject({ instances: 64, macsPerCycle: 64, share: 1 });
    expect(macAt(s, site.mulLoc.file, { line: 0, character: 0 })).toBeUndefined();
  });

  it('accel_top: the 4x4 array inside the top, requantiser multipliers not counted', async () => {
    const files = ['accel_top/accel_top.v', 'systolic_array/systolic_array.v', 'systolic_array/sa_pe.v', 'systolic_array/sa_skew.v', 'sync_fifo/sync_fifo.v', 'pe_ctrl_fsm/pe_ctrl_fsm.v', 'requant_unit/requant_unit.v'];
    const { s } = await summarise(files, 'accel_top');
    expect(s.macsPerCycle).toBe(16);
    expect(s.peArrays).toHaveLength(1);
    expect(s.peArrays[0]).toMatchObject({ module: 'sa_pe', parentModule: 'systolic_array', instances: 16, dims: [4, 4], copies: 1 });
    // requant_unit's 4 lanes scale (acc * scale) and round: multipliers without accumulation
    expect(s.plainMultipliers).toBe(4);
  });

  it('mac_tree: 16 products summed by a pipelined adder tree count as 16 MACs (dot)', async () => {
    const { s } = await summarise(['mac_tree/mac_tree.v'], 'mac_tree');
    // one MAC per multiplier: 16 multiplies + 15 tree adds (+1 to accumulate the result) = 2 ops each
    expect(s.macsPerCycle).toBe(16);
    expect(s.byWidth[0]).toMatchObject({ widthClass: 'int8', signedness: 'signed', kinds: { dot: 16 } });
    expect(s.peArrays).toEqual([]);
  });

  it('conv_line_buffer: 9 products through a register array into row sums', async () => {
    const { s } = await summarise(['conv_line_buffer/conv_line_buffer.v', 'conv_line_buffer/lb_ram.v'], 'conv_line_buffer');
    expect(s.macsPerCycle).toBe(9);
    expect(s.byWidth[0].kinds).toEqual({ dot: 9 });
  });

  it('requant_unit and vector_alu: multipliers, no MACs, no metrics', async () => {
    const r = await summarise(['requant_unit/requant_unit.v'], 'requant_unit');
    expect(r.s).toMatchObject({ macsPerCycle: 0, note: 'no multiply-accumulate structures found', plainMultipliers: 4, processes: [] });
    const v = await summarise(['vector_alu/vector_alu.v', 'vector_alu/valu_lane.v'], 'vector_alu');
    expect(v.s.macsPerCycle).toBe(0);
    expect(v.s.plainMultipliers).toBe(8);
  });
});

describe('MAC recognition on snippets', () => {
  it('a*b+c with c from an input is a multiply-add; unsigned operands', async () => {
    const s = await snippet(`module m(input clk, input [3:0] a, b, input [9:0] c, output reg [9:0] y);
      always @(posedge clk) y <= a * b + c;
    endmodule`);
    expect(s.byWidth).toEqual([{ widthClass: 'int4', bits: [4, 4], signedness: 'unsigned', macsPerCycle: 1, kinds: { 'multiply-add': 1 } }]);
  });

  it('a combinational a*b+c with no register is not a MAC', async () => {
    const s = await snippet(`module m(input [7:0] a, b, input [15:0] c, output [15:0] y);
      assign y = a * b + c;
    endmodule`);
    expect(s.macsPerCycle).toBe(0);
  });

  it('mixed signedness and int16', async () => {
    const s = await snippet(`module m(input clk, input signed [15:0] a, input [11:0] b, output reg signed [39:0] acc);
      always @(posedge clk) acc <= acc + a * $signed({1'b0, b});
    endmodule`);
    expect(s.byWidth[0]).toMatchObject({ widthClass: 'int16', bits: [16, 12], signedness: 'mixed', kinds: { accumulate: 1 } });
  });

  it('$signed part-selects of unsigned ports in a signed accumulation are signed operands', async () => {
    const s = await snippet(`module m(input clk, input [15:0] a, b, output reg signed [31:0] acc);
      always @(posedge clk) acc <= acc + $signed(a[7:0]) * $signed(b[15:8]);
    endmodule`);
    expect(s.byWidth).toEqual([{ widthClass: 'int8', bits: [8, 8], signedness: 'signed', macsPerCycle: 1, kinds: { accumulate: 1 } }]);
    // in an unsigned sum the casts are undone (the operands are zero-extended): unsigned
    const u = await snippet(`module m(input clk, input [15:0] a, b, output reg [31:0] acc);
      always @(posedge clk) acc <= acc + $signed(a[7:0]) * $signed(b[15:8]);
    endmodule`);
    expect(u.byWidth[0]).toMatchObject({ bits: [8, 8], signedness: 'unsigned' });
  });

  it('mantissas with an implicit leading one are fp-like', async () => {
    const s = await snippet(`module m(input clk, input [6:0] ma, mb, output reg [23:0] acc);
      always @(posedge clk) acc <= acc + {1'b1, ma} * {1'b1, mb};
    endmodule`);
    expect(s.byWidth[0]).toMatchObject({ widthClass: 'fp-like', bits: [8, 8] });
  });

  it('multiplication by a constant is not a MAC', async () => {
    const s = await snippet(`module m(input clk, input [7:0] a, output reg [15:0] acc);
      always @(posedge clk) acc <= acc + a * 8'd37;
    endmodule`);
    expect(s.macsPerCycle).toBe(0);
  });
});

describe('PE array shapes from instance names', () => {
  it('indices and patterns', () => {
    expect(namePattern('g_row[3].g_col[12].u_pe')).toEqual({ pattern: 'g_row[*].g_col[*].u_pe', indices: [3, 12] });
    expect(namePattern('u_pe[7]')).toEqual({ pattern: 'u_pe[*]', indices: [7] });
    expect(namePattern('u_pe_2_5')).toEqual({ pattern: 'u_pe_*_*', indices: [2, 5] });
  });
  it('regular grids only', () => {
    expect(gridDims([[0, 0], [0, 1], [1, 0], [1, 1], [2, 0], [2, 1]])).toEqual([3, 2]);
    expect(gridDims([[0, 0], [0, 1], [1, 0]])).toBeUndefined();
    expect(gridDims([[0], [1], [2], [3]])).toEqual([4]);
  });
});
