/** The operator graph: what each construct lowers to, with widths after trimming and locations. */
import { describe, expect, it } from 'vitest';
import { ASAP7_CALIBRATION, Estimator, fuseMacs, buildOperatorGraph, sizeNode, trimWidths } from '../src/estimate/index';
import { SemanticModel } from '../src/semantic/index';
import { elaborateText, graphOf, liveOps } from './estimate-helpers';
import { openText } from './semantic-helpers';

describe('operator graph lowering', () => {
  it('a * b + c is a multiplier and an adder with their widths and locations (before MAC fusion)', async () => {
    const d = await elaborateText(`module t(input [7:0] a, b, input [15:0] c, output [15:0] y);
  assign y = a * b + c;
endmodule`);
    const g = buildOperatorGraph(d.top.module);
    trimWidths(g);
    const [mul] = liveOps(g, 'mul');
    const [add] = liveOps(g, 'add');
    expect(sizeNode(mul, g).size).toMatchObject({ W: 8, W2: 8, signed: false });
    expect(add.live).toBe(16);
    expect(add.inputs).toContain(mul.id);
    expect(mul.loc.range.start).toEqual({ line: 1, character: 13 });
    expect(add.loc.range.start).toEqual({ line: 1, character: 13 });
    fuseMacs(g);
    expect(liveOps(g, 'mac')).toHaveLength(1);
  });

  it('trims an adder to the bits that are read', async () => {
    const g = await graphOf(`module t(input [31:0] a, b, output [7:0] y);
  wire [31:0] s = a + b;
  assign y = s[7:0];
endmodule`);
    const [add] = liveOps(g, 'add');
    expect(add.live).toBe(8);
  });

  it('folds constants and makes constant shifts free', async () => {
    const g = await graphOf(`module t(input [7:0] a, output [15:0] y, output [7:0] z);
  localparam K = 3;
  assign y = (a << 4) + (K * 2);
  assign z = a & 8'hff;
endmodule`);
    expect(liveOps(g, 'shift')).toHaveLength(0);
    expect(liveOps(g, 'logic')).toHaveLength(0);
    const [add] = liveOps(g, 'add');
    expect(add.constOperand).toBe(6n);
  });

  it('an if/else into a register is a 2:1 mux, a hold branch an enable, a sync reset a gate row', async () => {
    const g = await graphOf(`module t(input clk, rst, en, s, input [7:0] a, b, output reg [7:0] q);
  always @(posedge clk)
    if (rst) q <= 8'd0;
    else if (en) begin
      if (s) q <= a; else q <= b;
    end
endmodule`);
    const [reg] = liveOps(g, 'reg');
    expect(reg.width).toBe(8);
    expect(reg.reset).toBe(true);
    const muxes = liveOps(g, 'mux');
    expect(muxes.map((m) => m.what).sort()).toEqual(['enable', 'mux 2:1']);
    expect(muxes.every((m) => m.n === 2 && m.width === 8)).toBe(true);
    expect(liveOps(g, 'logic').some((n) => n.what.includes('constant arm'))).toBe(true);
  });

  it('a case over constant labels is one mux over its distinct values, or a ROM with constant data', async () => {
    const g = await graphOf(`module t(input [1:0] s, input [7:0] a, b, c, output reg [7:0] y, output reg [3:0] r);
  always @(*) begin
    case (s)
      2'd0: y = a;
      2'd1: y = b;
      2'd2: y = a;
      default: y = c;
    endcase
    case (s)
      2'd0: r = 4'd3; 2'd1: r = 4'd5; 2'd2: r = 4'd9; default: r = 4'd1;
    endcase
  end
endmodule`);
    const muxes = liveOps(g, 'mux');
    const data = muxes.find((m) => m.width === 8)!;
    expect(data.n).toBe(3);
    expect(data.labels).toBe(3);
    const rom = muxes.find((m) => m.width === 4)!;
    expect(rom.constOperand).toBeDefined();
  });

  it('a product accumulated into a register is a signed MAC sized by its operands', async () => {
    const g = await graphOf(`module t(input clk, input signed [7:0] a, b, output reg signed [23:0] acc);
  always @(posedge clk) acc <= acc + a * b;
endmodule`);
    const [mac] = liveOps(g, 'mac');
    expect(mac).toBeDefined();
    expect(sizeNode(mac, g).size).toMatchObject({ W: 8, W2: 8, signed: true });
    expect(liveOps(g, 'mul')).toHaveLength(0);
  });

  it('a reg array with a variable address is a memory; logic nothing reads is not lowered', async () => {
    const g = await graphOf(`module t(input clk, we, input [3:0] wa, ra, input [7:0] d, output [7:0] q);
  reg [7:0] m [0:15];
  wire [7:0] unused = d * d;
  always @(posedge clk) if (we) m[wa] <= d;
  assign q = m[ra];
endmodule`);
    const [mem] = liveOps(g, 'mem');
    expect(mem.mem).toMatchObject({ words: 16, wordWidth: 8, writePorts: 1 });
    expect(liveOps(g, 'mem-read')[0].n).toBe(16);
    expect(liveOps(g, 'mul')).toHaveLength(0);
  });
});

describe('estimates', () => {
  it('a register-to-register path through an adder: clk->Q + adder + setup, with source locations', async () => {
    const d = await elaborateText(`module t(input clk, input [31:0] a, b, output reg [31:0] s);
  reg [31:0] ra, rb;
  always @(posedge clk) begin ra <= a; rb <= b; s <= ra + rb; end
endmodule`);
    const e = new Estimator(ASAP7_CALIBRATION).estimate(d);
    const cal = ASAP7_CALIBRATION;
    expect(e.flops).toBe(96);
    const r2r = e.timing.worst.find((w) => w.kind === 'reg->reg')!;
    expect(r2r.ps).toBeGreaterThan(cal.clock.clkToQPs + cal.clock.setupPs + 200);
    expect(r2r.ps).toBeLessThan(cal.clock.clkToQPs + cal.clock.setupPs + 320);
    const whats = e.timing.criticalPath.map((s) => s.what);
    expect(whats[0]).toMatch(/^reg r[ab]$/);
    expect(whats.some((w) => w.startsWith('add'))).toBe(true);
    expect(e.timing.criticalPath.every((s, i, a) => i === 0 || s.arrivalPs >= a[i - 1].arrivalPs)).toBe(true);
    expect(e.cellUm2).toBeGreaterThan(96 * cal.clock.flopAreaUm2);
  });

  it('rolls area up through instances with their parameters, and re-estimates only what changed', async () => {
    const child = `module leaf #(parameter W = 8) (input clk, input [W-1:0] a, output reg [W-1:0] q);
  always @(posedge clk) q <= q + a;
endmodule`;
    const top = (n: number) => `module top(input clk, input [15:0] x, output [15:0] y, output [7:0] z);
  leaf #(.W(16)) u0 (.clk(clk), .a(x), .q(y));
  leaf #(.W(8)) u1 (.clk(clk), .a(x[7:0] + ${n}), .q(z));
endmodule`;
    const sm = new SemanticModel();
    sm.updateFile(await openText('/virtual/leaf.v', child));
    sm.updateFile(await openText('/virtual/top.v', top(1)));
    const est = new Estimator(ASAP7_CALIBRATION, { identity: (m) => sm.index.module(m.name) });
    const first = est.estimate(sm.elaborate('top').design!);
    expect(first.byModule.filter((m) => m.module === 'leaf')).toHaveLength(2);
    const w16 = first.byModule.find((m) => m.key.includes('16'))!;
    const w8 = first.byModule.find((m) => m.module === 'leaf' && m !== w16)!;
    expect(w16.cellUm2).toBeGreaterThan(1.5 * w8.cellUm2);
    expect(first.estimatedModules).toBe(3);
    sm.updateFile(await openText('/virtual/top.v', top(2)));
    const second = est.estimate(sm.elaborate('top').design!);
    expect(second.estimatedModules).toBe(1);
    expect(second.cachedModules).toBe(2);
    // x + 2 is not x + 1 at the bit level (the low bit passes through): the re-estimated module
    // differs a little, the cached ones not at all
    expect(Math.abs(second.cellUm2 / first.cellUm2 - 1)).toBeGreaterThan(0);
    expect(Math.abs(second.cellUm2 / first.cellUm2 - 1)).toBeLessThan(0.05);
    const leaves = (e: typeof first) => e.byModule.filter((m) => m.module === 'leaf').map((m) => m.cellUm2);
    expect(leaves(second)).toEqual(leaves(first));
  });

  it('reset inputs are false paths', async () => {
    const d = await elaborateText(`module t(input clk, input rst_n, input [63:0] a, output reg [63:0] q);
  wire big = &a;
  always @(posedge clk) if (!rst_n || big) q <= 0; else q <= a;
endmodule`);
    const e = new Estimator(ASAP7_CALIBRATION).estimate(d);
    expect(e.timing.worst.every((w) => w.from !== 'rst_n')).toBe(true);
  });
});
