/**
 * SystemVerilog elaboration facts: widths of typedefs, structs, enums and packed arrays, enum
 * values, interface signals flattened into nets, type parameters, and a package edit in one file
 * re-elaborating the modules of another file that import it (cached bodies are not reused).
 */
import { describe, expect, it } from 'vitest';
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
