/**
 * SystemVerilog elaboration facts: widths of typedefs, structs, enums and packed arrays, enum
 * values, interface signals flattened into nets, type parameters, and a package edit in one file
 * re-elaborating the modules of another file that import it (cached bodies are not reused);
 * part-selects of packed arrays of structs, multi-dimensional unpacked arrays and arrays of interfaces.
 */
import { describe, expect, it } from 'vitest';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { SemanticModel } from '../src/semantic/index';
import { openText } from './semantic-helpers';

const PKG = `package p;
  localparam int W = 6;
  typedef logic [W-1:0] word_t;
  typedef enum logic [2:0] {A, B = 3'd5, C} e_t;
  typedef struct packed { logic v; word_t w; e_t e; } s_t;
endpackage
`;

const USER = `module u import p::*; (input s_t i, output word_t o, output e_t e, output logic [$bits(s_t)-1:0] raw);
  assign o = i.w;
  assign e = C;
  assign raw = i;
endmodule
`;

async function model(files: Record<string, string>) {
  const sm = new SemanticModel();
  for (const [f, t] of Object.entries(files)) sm.updateFile(await openText(f, t));
  return sm;
}

function netWidths(sm: SemanticModel, top: string) {
  const r = sm.elaborate(top);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Object.fromEntries(r.design!.top.module.nets.map((n) => [n.name, n.width]));
}

describe('SystemVerilog types at elaboration', () => {
  it('typedef, struct and enum widths; member selects and enum values', async () => {
    const sm = await model({ '/v/p.sv': PKG, '/v/u.sv': USER });
    expect(netWidths(sm, 'u')).toEqual({ i: 10, o: 6, e: 3, raw: 10 });
    const m = sm.elaborate('u').design!.top.module;
    const assigns = m.processes.filter((p) => p.kind === 'assign');
    // o = i.w: bits [3, 9) of i; e = C = 6
    expect(assigns[0]).toMatchObject({ rhs: { op: 'select', offset: 3, width: 6 } });
    expect(assigns[1]).toMatchObject({ rhs: { op: 'const', value: 6n } });
  });

  it('a package edit in another file re-elaborates its importers', async () => {
    const sm = await model({ '/v/p.sv': PKG, '/v/u.sv': USER });
    expect(netWidths(sm, 'u').o).toBe(6);
    const u = sm.updateFile(await openText('/v/p.sv', PKG.replace('W = 6', 'W = 9'), []));
    expect(u.changedModules).toContain('u');
    expect(netWidths(sm, 'u')).toEqual({ i: 13, o: 9, e: 3, raw: 13 });
  });

  it('interfaces: instance signals and port signals are nets; directions from the modport', async () => {
    const sm = await model({
      '/v/i.sv': `interface bus #(parameter int N = 2); logic [N-1:0] d; logic v; modport tx (output d, output v); endinterface
module tx (bus.tx b); assign b.d = '1; assign b.v = 1'b1; endmodule
module top (output logic [4:0] d, output logic v); bus #(.N(5)) x (); tx t (.b(x)); assign d = x.d; assign v = x.v; endmodule
`,
    });
    expect(netWidths(sm, 'top')).toMatchObject({ 'x.d': 5, 'x.v': 1 });
    const child = sm.elaborate('top').design!.top.children[0].module;
    expect(child.ports.map((id) => [child.nets[id].name, child.nets[id].direction, child.nets[id].width])).toEqual([
      ['b.d', 'output', 5],
      ['b.v', 'output', 1],
    ]);
  });

  it('type parameters: each override is its own body with the type width', async () => {
    const sm = await model({
      '/v/t.sv': `module r #(parameter type T = logic [1:0]) (input T d, output T q); assign q = d; endmodule
module top (input logic [6:0] a, output logic [6:0] b, input logic [1:0] c, output logic [1:0] e);
  r #(.T(logic [6:0])) r7 (.d(a), .q(b));
  r r2 (.d(c), .q(e));
endmodule
`,
    });
    const d = sm.elaborate('top').design!;
    expect(d.top.children.map((c) => c.module.nets.find((n) => n.name === 'd')!.width).sort()).toEqual([2, 7]);
    expect(sm.elaborate('top').diagnostics.filter((x) => x.severity !== 'hint')).toEqual([]);
  });

  it('packed arrays: element selects with constant and variable indices', async () => {
    const sm = await model({
      '/v/a.sv': `module pa (input logic [3:0][7:0] m, input logic [1:0] i, output logic [7:0] x, output logic [7:0] y, output logic [15:0] z);
  assign x = m[2]; assign y = m[i]; assign z = m[1:0];
endmodule
`,
    });
    const m = sm.elaborate('pa').design!.top.module;
    const rhs = m.processes.map((p) => (p.kind === 'assign' ? p.rhs : undefined));
    expect(rhs[0]).toMatchObject({ op: 'select', offset: 16, width: 8 });
    expect(rhs[1]).toMatchObject({ op: 'dyn-select', width: 8 });
    expect(rhs[2]).toMatchObject({ op: 'select', offset: 0, width: 16 });
  });
});

describe('the compilation unit ($unit)', () => {
  it('file-level parameters, typedefs and functions are visible to the modules after them', async () => {
    const sm = await model({
      '/v/unit.sv': `localparam int UW = 5;
typedef logic [UW-1:0] uword_t;
function automatic uword_t inc(uword_t x); return x + 1'b1; endfunction
module unit_user (input uword_t a, output uword_t b);
  assign b = inc(a);
endmodule
`,
    });
    expect(netWidths(sm, 'unit_user')).toEqual({ a: 5, b: 5 });
  });
});

describe('part-selects of packed arrays of structs', () => {
  it('[s +: w] and [s -: w] count elements, constant and variable starts, both directions', async () => {
    const sm = await model({
      '/v/ps.sv': `module ps (input logic [1:0] i, input logic [31:0] raw, output logic [15:0] a, output logic [15:0] b, output logic [15:0] c,
  output logic [15:0] d, output logic [15:0] e, output logic [3:0] f);
  typedef struct packed { logic [3:0] hi; logic [3:0] lo; } b_t;
  typedef struct packed { logic v; b_t [3:0] lanes; } s_t;
  b_t [3:0] dn;
  b_t [0:3] up;
  s_t s;
  assign dn = raw;
  assign up = raw;
  assign s = {1'b1, raw};
  assign a = dn[1 +: 2];
  assign b = dn[3 -: 2];
  assign c = dn[i +: 2];
  assign d = up[i -: 2];
  assign e = s.lanes[i +: 2];
  assign f = up[2].hi;
endmodule
`,
    });
    const r = sm.elaborate('ps');
    expect(r.diagnostics.filter((x) => x.severity === 'error' || x.code === 'sem-unsupported')).toEqual([]);
    const m = r.design!.top.module;
    const rhs = Object.fromEntries(m.processes.map((p) => (p.kind === 'assign' && p.lhs.op === 'net' ? [m.nets[p.lhs.net].name, p.rhs] : ['', undefined])));
    // dn[1 +: 2]: elements 1..2 = bits 8..23; dn[3 -: 2]: elements 2..3 = bits 16..31
    expect(rhs.a).toMatchObject({ op: 'select', offset: 8, width: 16 });
    expect(rhs.b).toMatchObject({ op: 'select', offset: 16, width: 16 });
    // a variable start: index * 8 (three zero bits appended), from bit 0 up
    expect(rhs.c).toMatchObject({ op: 'dyn-select', sign: 1, bias: 0, width: 16, index: { op: 'concat', width: 5 } });
    // ascending [0:3]: element i sits at bits (3 - i) * 8; [i -: 2] covers elements i-1..i
    expect(rhs.d).toMatchObject({ op: 'dyn-select', sign: -1, bias: 24, width: 16 });
    expect(rhs.e).toMatchObject({ op: 'dyn-select', sign: 1, width: 16 });
    // up[2] sits at bits 8..15 of the ascending array, its member hi at 12..15
    expect(rhs.f).toMatchObject({ op: 'select', offset: 12, width: 4 });
  });
});

describe('multi-dimensional unpacked arrays', () => {
  const MD = `module md (input logic clk, input logic we, input logic [1:0] wi, input logic [2:0] wj, input logic [7:0] d,
  input logic [1:0] ri, input logic [2:0] rj, output logic [7:0] q, output logic [7:0] c, output logic b);
  logic [7:0] m [4][8];
  always_ff @(posedge clk) if (we) m[wi][wj] <= d;
  assign q = m[ri][rj];
  assign c = m[2][5] ^ m[3][0];
  assign b = m[1][1][7];
endmodule
`;
  const FLAT = `module md (input clk, input we, input [1:0] wi, input [2:0] wj, input [7:0] d,
  input [1:0] ri, input [2:0] rj, output [7:0] q, output [7:0] c, output b);
  reg [7:0] m [0:31];
  always @(posedge clk) if (we) m[{wi, wj}] <= d;
  assign q = m[{ri, rj}];
  assign c = m[21] ^ m[24];
  assign b = m[9][7];
endmodule
`;
  it('a word m[i][j] is one word of a size1 x size2 memory; constant indices fold to one address', async () => {
    const sm = await model({ '/v/md.sv': MD });
    const r = sm.elaborate('md');
    expect(r.diagnostics.filter((x) => x.severity === 'error' || x.code === 'sem-unsupported')).toEqual([]);
    const m = r.design!.top.module;
    const net = m.nets.find((n) => n.name === 'm')!;
    expect(net.dims.map((x) => x.size)).toEqual([4, 8]);
    const words = m.processes.flatMap((p) => (p.kind === 'assign' ? [p.rhs] : []));
    expect(words[0]).toMatchObject({ op: 'mem-word', width: 8 });
    expect(words[1]).toMatchObject({ op: 'binary', left: { op: 'mem-word' }, right: { op: 'mem-word' } });
  });

  it('estimates the same hardware as the memory flattened by hand', async () => {
    const est = async (text: string, file: string) => {
      const sm = await model({ [file]: text });
      const r = sm.elaborate('md');
      const e = new Estimator(ASAP7_CALIBRATION, { identity: (x) => sm.index.module(x.name) }).estimate(r.design!);
      return { area: e.cellUm2, period: e.timing.minPeriodPs, flops: e.flops };
    };
    const sv = await est(MD, '/v/md.sv');
    const v = await est(FLAT, '/v/md.v');
    expect(v.area).toBeGreaterThan(100);
    expect(sv.flops).toBe(v.flops);
    expect(Math.abs(sv.area - v.area) / v.area).toBeLessThanOrEqual(0.02);
    expect(Math.abs(sv.period - v.period) / v.period).toBeLessThanOrEqual(0.02);
  });

  it('a whole sub-array is a located note, not an error and not a silent zero', async () => {
    const sm = await model({ '/v/sub.sv': `module sub (input logic [1:0] i, output logic [7:0] q); logic [7:0] m [4][8]; assign q = m[i]; endmodule\n` });
    const ds = sm.elaborate('sub').diagnostics;
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.find((d) => d.code === 'sem-unsupported')?.message).toMatch(/sub-array m\[\.\.\] of a 2-dimensional array/);
  });
});

describe('arrays of interfaces', () => {
  const SRC = `interface lane #(parameter int W = 4); logic v; logic [W-1:0] d; modport tx (output v, output d); modport rx (input v, input d); endinterface
module sink #(parameter int N = 3) (lane.rx ls [N], output logic [N-1:0] vs);
  for (genvar g = 0; g < N; g++) begin : g_v
    assign vs[g] = ls[g].v & |ls[g].d;
  end
endmodule
module top (input logic [2:0] v, input logic [17:0] d, output logic [2:0] vs);
  lane #(.W(6)) l [3] ();
  for (genvar g = 0; g < 3; g++) begin : g_l
    assign l[g].v = v[g];
    assign l[g].d = d[g*6 +: 6];
  end
  sink #(.N(3)) u (.ls(l), .vs);
endmodule
`;
  it('an instance array is one interface per index; a port array one port group per index', async () => {
    const sm = await model({ '/v/la.sv': SRC });
    const r = sm.elaborate('top');
    expect(r.diagnostics.filter((x) => x.severity === 'error' || x.code === 'sem-unsupported')).toEqual([]);
    const nets = Object.fromEntries(r.design!.top.module.nets.map((n) => [n.name, n.width]));
    expect(nets).toMatchObject({ 'l[0].v': 1, 'l[0].d': 6, 'l[2].d': 6 });
    const child = r.design!.top.children[0].module;
    expect(child.ports.map((id) => `${child.nets[id].direction} ${child.nets[id].name} ${child.nets[id].width}`)).toEqual([
      'input ls[0].v 1', 'input ls[0].d 6', 'input ls[1].v 1', 'input ls[1].d 6', 'input ls[2].v 1', 'input ls[2].d 6', 'output vs 3',
    ]);
    // each port net is connected to the element of the same index
    const conns = r.design!.top.module.instances[0].connections.map((c) => [c.port, c.expr?.op === 'net' ? r.design!.top.module.nets[c.expr.net].name : c.expr?.op]);
    expect(conns).toContainEqual(['ls[1].d', 'l[1].d']);
  });

  it('a variable element index is a located note', async () => {
    const sm = await model({ '/v/lv.sv': SRC.replace('assign vs[g] = ls[g].v & |ls[g].d;', 'assign vs[g] = ls[vs[0]].v;') });
    const ds = sm.elaborate('top').diagnostics;
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ds.some((d) => d.code === 'sem-unsupported' && /interface array chosen by a variable index/.test(d.message))).toBe(true);
  });
});

describe('while and do-while loops in hardware', () => {
  const SV_LOOPS = `module wl (input logic [7:0] a, output logic [7:0] y, output logic [7:0] z);
  always_comb begin
    int i;
    y = a;
    i = 0;
    while (i < 4) begin
      y = y ^ (a >> i);
      i++;
    end
  end
  always_comb begin
    int j;
    z = '0;
    j = 1;
    do begin
      z[j] = a[j-1];
      j += 2;
    end while (j < 8);
  end
endmodule
`;
  const V_LOOPS = `module wl (input [7:0] a, output reg [7:0] y, output reg [7:0] z);
  always @* begin
    y = a ^ (a >> 0) ^ (a >> 1) ^ (a >> 2) ^ (a >> 3);
    z = 8'd0; z[1] = a[0]; z[3] = a[2]; z[5] = a[4]; z[7] = a[6];
  end
endmodule
`;
  const est = async (text: string, file: string) => {
    const sm = await model({ [file]: text });
    const r = sm.elaborate('wl');
    const e = new Estimator(ASAP7_CALIBRATION, { identity: (x) => sm.index.module(x.name) }).estimate(r.design!);
    return { area: e.cellUm2, period: e.timing.minPeriodPs, diagnostics: r.diagnostics };
  };

  it('a counting while / do-while is unrolled into the logic the Verilog spells out, with no note', async () => {
    const sv = await est(SV_LOOPS, '/v/wl.sv');
    const v = await est(V_LOOPS, '/v/wl.v');
    expect(sv.diagnostics).toEqual([]);
    expect(v.area).toBeGreaterThan(1);
    expect(Math.abs(sv.area - v.area) / v.area).toBeLessThanOrEqual(0.02);
    expect(Math.abs(sv.period - v.period) / v.period).toBeLessThanOrEqual(0.02);
  });

  it('a loop that never ends is cut at the bound with a located diagnostic; a data-dependent exit is a note', async () => {
    const sm = await model({
      '/v/wb.sv': `module wb (input logic [7:0] a, output logic [7:0] y, output logic [3:0] n);
  always_comb begin
    int i;
    y = a;
    i = 0;
    while (i >= 0) begin
      y = y + 8'd1;
      i++;
    end
  end
  always_comb begin
    int k;
    k = 0;
    while (k < 7 && !a[k]) k++;
    n = 4'(k);
  end
endmodule
`,
    });
    const ds = sm.elaborate('wb').diagnostics;
    const limit = ds.find((d) => d.code === 'sem-limit');
    expect(limit?.message).toMatch(/while loop runs more than \d+ iterations: not unrolled/);
    expect(limit?.range.start).toEqual({ line: 5, character: 4 });
    const note = ds.find((d) => d.code === 'sem-unsupported');
    expect(note?.message).toMatch(/while loop whose condition is not constant/);
    expect(note?.range.start.line).toBe(13);
  });
});

describe('members named like built-in methods', () => {
  it('r.len, r.size, r.sum, r.ctl.last are member selects; s.next() stays a method call (a note)', async () => {
    const sm = await model({
      '/v/ms.sv': `module ms (input logic [16:0] raw, output logic [7:0] l, output logic [3:0] z, output logic q, output logic [1:0] b);
  typedef struct packed { logic last; logic [7:0] len; logic [3:0] size; logic [3:0] sum; } req_t;
  typedef struct packed { req_t ctl; } wrap_t;
  typedef enum logic [1:0] {X, Y, Z} e_t;
  wrap_t r;
  e_t s;
  assign r = raw;
  assign s = e_t'(raw[1:0]);
  assign l = r.ctl.len;
  assign z = r.ctl.size + r.ctl.sum;
  assign q = r.ctl.last;
  assign b = s.next();
endmodule
`,
    });
    const r = sm.elaborate('ms');
    const notes = r.diagnostics.filter((d) => d.code === 'sem-unsupported');
    expect(notes.map((d) => [d.range.start.line, d.message])).toEqual([[11, 'Unsupported for estimation: method call']]);
    const m = r.design!.top.module;
    const rhs = Object.fromEntries(m.processes.map((p) => (p.kind === 'assign' && p.lhs.op === 'net' ? [m.nets[p.lhs.net].name, p.rhs] : ['', undefined])));
    expect(rhs.l).toMatchObject({ op: 'select', offset: 8, width: 8 });
    expect(rhs.q).toMatchObject({ op: 'select', offset: 16, width: 1 });
  });
});
