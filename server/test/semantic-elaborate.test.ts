/** Elaboration on small snippets: sizing and signedness, parameters and overrides, generate, bounds. */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { SemanticModel, type EExpr, type ElaboratedModule } from '../src/semantic';
import { openText } from './semantic-helpers';

async function elaborate(src: string, top = 't', opts?: Parameters<SemanticModel['elaborate']>[1]) {
  const sm = new SemanticModel();
  sm.updateFile(await openText('/virtual/t.v', src));
  return sm.elaborate(top, opts);
}
const netOf = (m: ElaboratedModule, n: string) => m.nets.find((x) => x.name === n)!;
const param = (m: ElaboratedModule, n: string) => m.params.find((x) => x.name === n)!.value;

describe('constant evaluation', () => {
  test('Verilog sizing and signedness rules', async () => {
    const r = await elaborate(`module t;
      localparam A = 4'hF + 4'h1;          // 4-bit context... but parameter takes the value's width: 0
      localparam B = -8'sd1 >>> 2;         // signed shift keeps -1
      localparam C = 8'hFF >>> 2;          // unsigned: 63
      localparam D = $clog2(1000);         // 10
      localparam E = 2 ** 40;              // 32-bit signed context: 0
      localparam [63:0] F = 64'd1 << 40;   // wide values with BigInt
      localparam G = (3 > 2) ? 7 : 9;
      localparam H = {4'b1010, 2'b11};     // 43
      localparam I = -3 / 2;               // -1 (truncating)
      localparam J = 4'sb1000 < 0;         // 1
      localparam K = 4'b1000 < 0;          // 0 (unsigned compare)
      localparam L = {3{2'b10}};           // 42
    endmodule`);
    const m = r.design!.top.module;
    expect(param(m, 'A')).toBe(0n);
    expect(param(m, 'B')).toBe(-1n);
    expect(param(m, 'C')).toBe(63n);
    expect(param(m, 'D')).toBe(10n);
    expect(param(m, 'E')).toBe(0n);
    expect(param(m, 'F')).toBe(1n << 40n);
    expect(param(m, 'G')).toBe(7n);
    expect(param(m, 'H')).toBe(43n);
    expect(param(m, 'I')).toBe(-1n);
    expect(param(m, 'J')).toBe(1n);
    expect(param(m, 'K')).toBe(0n);
    expect(param(m, 'L')).toBe(42n);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('constant functions and parameter overrides by name, position and defparam', async () => {
    const r = await elaborate(`
      module sub #(parameter W = 4, parameter D = 2) (input wire [W-1:0] a, output wire [W-1:0] y);
        function integer lg; input integer v; integer k; begin lg = 0; for (k = v - 1; k > 0; k = k >> 1) lg = lg + 1; end endfunction
        localparam AW = lg(D);
        wire [AW:0] x = 0;
        assign y = a;
      endmodule
      module t(input wire [15:0] a, output wire [15:0] y, output wire [7:0] z, output wire [3:0] q);
        sub #(.W(16), .D(1000)) u0 (.a(a), .y(y));
        sub #(8) u1 (.a(a[7:0]), .y(z));
        sub u2 (.a(a[3:0]), .y(q));
        defparam u2.D = 64;
      endmodule`);
    const kids = r.design!.top.children;
    const u0 = kids.find((c) => c.path === 't.u0')!.module;
    expect(param(u0, 'W')).toBe(16n);
    expect(param(u0, 'AW')).toBe(10n);
    expect(netOf(u0, 'x').width).toBe(11);
    expect(netOf(u0, 'a').width).toBe(16);
    expect(param(kids.find((c) => c.path === 't.u1')!.module, 'W')).toBe(8n);
    expect(param(kids.find((c) => c.path === 't.u2')!.module, 'AW')).toBe(6n);
    expect(r.diagnostics.filter((d) => d.code !== 'sem-unused').map((d) => d.code)).toEqual(['sem-defparam']); // x is unused on purpose
  });
});

describe('expressions and processes', () => {
  test('context-determined widths are pushed into operands', async () => {
    const r = await elaborate(`module t(input wire [7:0] a, input wire [7:0] b, input wire signed [7:0] s, output wire [8:0] y, output wire c, output wire [15:0] p);
      assign y = a + b;
      assign c = (a + b) > 9'd255;
      assign p = s * $signed(b);
    endmodule`);
    const m = r.design!.top.module;
    const [y, c, p] = m.processes.map((x) => (x.kind === 'assign' ? x.rhs : undefined)) as EExpr[];
    expect(y).toMatchObject({ op: 'binary', kind: '+', width: 9, signed: false });
    expect(c.op === 'binary' && c.left).toMatchObject({ op: 'binary', kind: '+', width: 9 });
    expect(p).toMatchObject({ op: 'binary', kind: '*', width: 16, signed: true });
    expect(r.diagnostics).toEqual([]);
  });

  test('generate for/if/case with labels, memories and unrolled procedural loops', async () => {
    const r = await elaborate(`module t #(parameter N = 3, parameter MODE = 1) (input wire clk, input wire [N-1:0] d, output reg [N-1:0] q, output wire [7:0] w);
      reg [7:0] mem [0:N-1];
      integer i;
      genvar g;
      for (g = 0; g < N; g = g + 1) begin : g_bit
        if (g == 0) begin : g_first wire t = d[g]; end
        else begin : g_rest wire t = d[g] ^ d[g-1]; end
      end
      case (MODE) 0: begin : g_zero assign w = 8'd0; end default: begin : g_one assign w = mem[1]; end endcase
      always @(posedge clk) for (i = 0; i < N; i = i + 1) begin q[i] <= g_bit_dummy(i); mem[i] <= {8{d[i]}}; end
      function g_bit_dummy; input integer k; g_bit_dummy = k[0]; endfunction
    endmodule`);
    const m = r.design!.top.module;
    expect(m.nets.map((n) => n.name)).toEqual(expect.arrayContaining(['g_bit[0].g_first.t', 'g_bit[1].g_rest.t', 'g_bit[2].g_rest.t']));
    expect(netOf(m, 'mem').dims).toEqual([{ msb: 0, lsb: 2, size: 3 }]);
    const ff = m.processes.find((p) => p.kind === 'always')!;
    expect(ff.kind === 'always' && ff.body.length).toBe(6); // 3 iterations x 2 assignments
    expect(ff.kind === 'always' && ff.clock).toMatchObject({ edge: 'posedge' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('bounded elaboration', () => {
  test('a runaway generate loop is cut off with a located error', async () => {
    const r = await elaborate(`module t; genvar i; for (i = 0; i >= 0; i = i + 1) begin : g wire x; end endmodule`, 't', { limits: { maxIterations: 50_000 } });
    const lim = r.diagnostics.find((d) => d.code === 'sem-limit')!;
    // stopped by the iteration count, not by the clock
    expect(lim.message).toMatch(/More than 50000 loop\/generate iterations/);
    expect(lim.range.start.line).toBe(0);
    expect(lim.severity).toBe('error');
  });

  test('a generate loop that never advances is reported, not a hang', async () => {
    const r = await elaborate(`module t; genvar i; for (i = 0; i < 4; i = i) begin : g wire x; end endmodule`);
    expect(r.diagnostics.some((d) => d.code === 'sem-limit')).toBe(true);
  });

  test('random edits never make elaboration throw, and it stays bounded', async () => {
    const base = `module sub #(parameter W = 4) (input wire [W-1:0] a, output wire [W-1:0] y);
  assign y = a + 1;
endmodule
module t #(parameter N = 4) (input wire clk, input wire [N*4-1:0] d, output reg [N*4-1:0] q);
  genvar g;
  wire [N*4-1:0] s;
  for (g = 0; g < N; g = g + 1) begin : g_l
    sub #(.W(4)) u (.a(d[g*4 +: 4]), .y(s[g*4 +: 4]));
  end
  always @(posedge clk) q <= s >> 1;
endmodule
`;
    const sm = new SemanticModel();
    const doc = await openText('/virtual/p.v', base);
    const tokens = ['', ';', 'end', 'begin', '(', ')', '[', ']', '1000000', '-1', '/ 0', 'N', 't', '#(.N(999999))', 'genvar', '{', '}', '?', ':', 'endmodule', 'module'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(base.length), fc.nat(8), fc.constantFrom(...tokens)), { minLength: 1, maxLength: 4 }), async (edits) => {
        let text = base;
        for (const [pos, del, ins] of edits) {
          const p = Math.min(pos, text.length);
          text = text.slice(0, p) + ins + text.slice(Math.min(text.length, p + del));
        }
        doc.applyChanges([{ text }]);
        sm.updateFile(doc);
        const r = sm.elaborate(undefined, { limits: { maxIterations: 20_000 } });
        expect(Array.isArray(r.diagnostics)).toBe(true);
        // bounded by the iteration and instance counts, never by the time budget
        expect(r.diagnostics.filter((d) => /took longer than/.test(d.message))).toEqual([]);
      }),
      { numRuns: 60, seed: 42 },
    );
  });
});
