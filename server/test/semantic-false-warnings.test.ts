/**
 * No false warnings on valid code whose patterns real designs use (found running `ppa-lens check`
 * over the corpus of docs/CORPUS.md), and the true warning still given beside each:
 *  - nets driven bit by bit in generate branches that a constant function chooses from a packed
 *    array of enums (the function compared element 0 as a bit, so no branch was elaborated and the
 *    nets were "read but never driven");
 *  - constant functions over `logic [0:n-1]` masks and structs (bit order, member assignment);
 *  - nets driven by an instance of an unknown module (the error is the unknown module, not the net);
 *  - a constant table, a parameter with an unpacked dimension, indexed and then part-selected;
 *  - a `(* full_case *)` case that lists some of its subject's values (synthesis infers no latch);
 *  - widths: a constant from unsized literals (`2**W - 2`, `~(1 << k)`) that fits its target, a zero
 *    replication in a concatenation, an untyped parameter that fits, `1 << s`, and `'{default: b}`
 *    of one bit into a vector (every bit is b), as Verilator takes them.
 * The fixtures are written for this test.
 */
import { describe, expect, test } from 'vitest';
import { SemanticModel, type ElaboratedModule } from '../src/semantic';
import { openText } from './semantic-helpers';

async function elaborate(src: string, top: string) {
  const sm = new SemanticModel();
  sm.updateFile(await openText('/virtual/fw.sv', src));
  const r = sm.elaborate(top);
  const warnings = r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`);
  return { r, warnings };
}
const param = (m: ElaboratedModule, n: string) => m.params.find((x) => x.name === n)?.value;
const moduleNamed = (r: Awaited<ReturnType<typeof elaborate>>['r'], name: string) => r.design!.modules.filter((m) => m.name === name);

/** A package of lane kinds: each lane alone, shared by all, or off; a constant function says whether any is shared. */
const PKG = `package lanes_pkg;
  localparam int unsigned NL = 3;
  typedef enum logic [1:0] { OFF, ALONE, SHARED } kind_e;
  typedef logic [0:NL-1] lane_mask_t;
  typedef kind_e [0:NL-1] kinds_t;
  typedef kinds_t [0:1] group_kinds_t;
  typedef struct packed { group_kinds_t Kinds; logic Spare; } plan_t;
  localparam plan_t PLAN = '{ Kinds: '{'{default: ALONE}, '{default: SHARED}}, Spare: 1'b0 };
  typedef struct packed { logic [3:0] lo; logic [3:0] hi; } pair_t;
  // the loop's body is the if alone: the return after it is outside the loop
  function automatic logic any_shared(kinds_t k, lane_mask_t m);
    for (int unsigned i = 0; i < NL; i++)
      if (m[i] && k[i] == SHARED)
        return 1'b1;
      return 1'b0;
  endfunction
  function automatic int unsigned first_shared(kinds_t k, lane_mask_t m);
    for (int unsigned i = 0; i < NL; i++) if (m[i] && k[i] == SHARED) return i;
    return 0;
  endfunction
endpackage
`;

describe('generate branches chosen by constant functions over typed arrays', () => {
  const SRC = `${PKG}
module lanes #(parameter lanes_pkg::kinds_t K = '{default: lanes_pkg::ALONE}, parameter lanes_pkg::lane_mask_t M = '1)
  (input logic [2:0] a, output logic y);
  localparam logic ANY = lanes_pkg::any_shared(K, M);
  localparam int unsigned FIRST = lanes_pkg::first_shared(K, M);
  logic [lanes_pkg::NL-1:0] done;
  for (genvar i = 0; i < lanes_pkg::NL; i++) begin : g_lane
    if (K[i] == lanes_pkg::ALONE) begin : g_alone
      assign done[i] = a[i];
    end else if (ANY && i != FIRST) begin : g_follow
      assign done[i] = done[FIRST];
    end
  end
  if (ANY) begin : g_shared
    assign done[FIRST] = ^a;
  end
  logic [1:0] never;   // read, and truly driven nowhere
  assign y = &done ^ never[0];
endmodule
module plan_top #(parameter lanes_pkg::plan_t P = lanes_pkg::PLAN) (input logic [2:0] a, output logic [1:0] y);
  for (genvar g = 0; g < 2; g++) begin : g_group
    localparam lanes_pkg::kinds_t K = P.Kinds[g];
    lanes #(.K(K)) u (.a, .y(y[g]));
  end
endmodule
`;

  test('the lanes of a shared group are driven; a net driven nowhere is still reported', async () => {
    const { r, warnings } = await elaborate(SRC, 'plan_top');
    // both groups elaborated: ALONE lanes and SHARED lanes
    const [alone, shared] = moduleNamed(r, 'lanes').sort((x, y) => Number(param(x, 'ANY')) - Number(param(y, 'ANY')));
    expect(param(alone, 'ANY')).toBe(0n);
    expect(param(shared, 'ANY')).toBe(1n);
    expect(warnings.filter((w) => w.includes("'done'"))).toEqual([]);
    const line = SRC.split('\n').findIndex((l) => l.includes('logic [1:0] never')) + 1;
    expect(warnings).toContain(`sem-undriven ${line}: 'never' is read but never driven`);
  });
});

describe('constant functions', () => {
  test('a bit of a [0:n-1] mask counts from the left, as a parameter and as a function argument or variable', async () => {
    const { r, warnings } = await elaborate(
      `typedef logic [0:3] m4_t;
module t;
  localparam m4_t P = 4'b1000;
  localparam logic [0:3] Q = 4'b1000;
  localparam logic [7:4] R = 4'b0010;
  localparam A = P[0];
  localparam B = Q[0];
  localparam C = P[3];
  localparam E = R[5];
  function automatic m4_t swap_ends(m4_t x);
    m4_t r;
    r = '0;
    r[0] = x[3];
    r[3] = x[0];
    return r;
  endfunction
  localparam m4_t D = swap_ends(4'b0001);
endmodule`,
      't',
    );
    const m = r.design!.top.module;
    expect([param(m, 'A'), param(m, 'B'), param(m, 'C'), param(m, 'E'), param(m, 'D')]).toEqual([1n, 1n, 0n, 1n, 8n]);
    expect(warnings).toEqual([]);
  });

  test('struct members and array elements are assigned in a constant function', async () => {
    const { r } = await elaborate(
      `${PKG}
module t;
  function automatic lanes_pkg::pair_t widest(lanes_pkg::kinds_t k);
    automatic lanes_pkg::pair_t res;
    res = '0;
    for (int unsigned i = 0; i < lanes_pkg::NL; i++) begin
      if (k[i] == lanes_pkg::SHARED) res.hi = 4'(i + 1);
      if (k[i] == lanes_pkg::ALONE) res.lo = res.lo + 1;
    end
    return res;
  endfunction
  function automatic lanes_pkg::kinds_t flip(lanes_pkg::kinds_t k);
    lanes_pkg::kinds_t out;
    for (int unsigned i = 0; i < lanes_pkg::NL; i++) out[i] = k[lanes_pkg::NL - 1 - i];
    return out;
  endfunction
  localparam lanes_pkg::kinds_t K = '{lanes_pkg::SHARED, lanes_pkg::ALONE, lanes_pkg::ALONE};
  localparam lanes_pkg::pair_t W = widest(K);
  localparam lanes_pkg::kinds_t F = flip(K);
  localparam HI = W.hi;
  localparam LO = W.lo;
  localparam F0 = F[0];
  localparam F2 = F[2];
endmodule`,
      't',
    );
    const m = r.design!.top.module;
    // K[0] is SHARED (hi = 1), K[1] and K[2] ALONE (lo = 2); flipped, element 2 is SHARED (2'd2)
    expect([param(m, 'HI'), param(m, 'LO'), param(m, 'F0'), param(m, 'F2')]).toEqual([1n, 2n, 1n, 2n]);
  });
});

describe('instances of an unknown module', () => {
  test('what it may drive is not "undriven"; the unknown module is the error; a net connected nowhere is still reported', async () => {
    const { warnings } = await elaborate(
      `module t(input logic clk, input logic d, output logic q, output logic z);
  logic synced, lost;
  vendor_sync u_sync (.clk_i(clk), .d_i(d), .q_o(synced));
  vendor_gate u_gate (.clk_i(clk), .clk_o(q));
  assign z = synced ^ lost;
endmodule`,
      't',
    );
    expect(warnings.filter((w) => w.startsWith('sem-unknown-module'))).toHaveLength(2);
    expect(warnings.filter((w) => /'synced'|Output 'q'/.test(w))).toEqual([]);
    expect(warnings).toContain("sem-undriven 2: 'lost' is read but never driven");
  });
});

describe('constant tables: parameters with an unpacked dimension', () => {
  const table = (use: string) => `module t #(parameter int unsigned W = 6) (input logic [W-1:0] s, output logic [W-1:0] y);
  localparam logic [7:0] TAPS [2:8] = '{8'h03, 8'h06, 8'h0C, 8'h14, 8'h30, 8'h60, 8'hB8};
  assign y = ${use};
endmodule`;

  test('an element, then its low bits, is in range', async () => {
    const { r, warnings } = await elaborate(table(`s ^ TAPS[W][W-1:0]`), 't');
    expect(warnings).toEqual([]);
    const m = r.design!.top.module;
    expect(m.processes).toHaveLength(1);
    // TAPS[6] is the fifth element, 8'h30
    expect(param(m, 'TAPS')).toBe(0x03060c143060b8n);
  });

  test('an element past the table and bits past the element are still reported', async () => {
    expect((await elaborate(table(`s ^ TAPS[9][5:0]`), 't')).warnings.some((w) => w.startsWith('sem-select-range') && /9/.test(w))).toBe(true);
    expect((await elaborate(table(`TAPS[4][W+3:4]`), 't')).warnings.some((w) => w.startsWith('sem-select-range'))).toBe(true);
  });
});

describe('(* full_case *)', () => {
  test('a case marked full_case infers no latch; the same case unmarked does', async () => {
    const { warnings } = await elaborate(
      `module t(input logic [1:0] sel, input logic [7:0] a, output logic [7:0] y, output logic [7:0] z);
  always @* begin
    (* full_case *)
    case (sel)
      2'd0: y = a;
      2'd1: y = ~a;
      2'd2: y = a + 8'd1;
    endcase
  end
  always @* begin
    case (sel)
      2'd0: z = a;
      2'd1: z = ~a;
      2'd2: z = a + 8'd1;
    endcase
  end
endmodule`,
      't',
    );
    expect(warnings.filter((w) => w.startsWith('sem-latch'))).toEqual(["sem-latch 12: 'z' is not assigned on every path of this combinational block: a latch is inferred"]);
  });
});

describe('widths as Verilator takes them', () => {
  const src = (rhs: string) => `module t #(parameter int unsigned W = 8) (input logic c, input logic [W-1:0] f, output logic [W-1:0] y);
  assign y = ${rhs};
endmodule`;

  test('a constant computed from unsized literals that fits the target is not a mismatch; a parameter-wide arm still is', async () => {
    expect((await elaborate(src('c ? 2**W - 2 : f'), 't')).warnings).toEqual([]);
    expect((await elaborate(src('c ? W : f'), 't')).warnings).toEqual(['sem-width-mismatch 2: Width mismatch: 8-bit target assigned a 32-bit expression']);
    // 2**W does not fit W bits
    expect((await elaborate(src('c ? 2**W : f'), 't')).warnings).toEqual(['sem-width-mismatch 2: Width mismatch: 8-bit target assigned a 32-bit expression']);
  });

  test('a mask ~(1 << k) of unsized literals and a zero replication beside other parts are not mismatches; a real truncation is', async () => {
    const masked = `module t #(parameter int K = 3, parameter int B = 0) (input logic [9:0] a, input logic m, output logic [9:0] y, output logic [B:0] z, output logic [3:0] q);
  assign y = a & ~(1 << K);
  assign z = {m, {B{1'b0}}};
  assign q = a[5:0];
endmodule`;
    expect((await elaborate(masked, 't')).warnings).toEqual(['sem-width-mismatch 4: Width mismatch: 4-bit target assigned a 6-bit expression']);
  });

  test('an untyped parameter or a genvar that fits and a shifted unsized one are not mismatches; an integer variable is', async () => {
    const src2 = `module t #(parameter DATA_WIDTH = 64, parameter KEEP_WIDTH = ((DATA_WIDTH + 7) / 8)) (input [15:0] a, input [2:0] s, output reg [15:0] y, output [7:0] u, output reg [15:0] v);
  integer n;
  always @* begin
    y = a + KEEP_WIDTH;
    n = KEEP_WIDTH - 1;
    v = a + n;
  end
  assign u = 1 << s;
  for (genvar g = 0; g < 2; g++) begin : g_addr
    wire [7:0] addr = a[3:0] | (g << 4);
  end
endmodule`;
    expect((await elaborate(src2, 't')).warnings.filter((w) => !w.startsWith('sem-unused'))).toEqual(['sem-width-mismatch 6: Width mismatch: 16-bit target assigned a 32-bit expression']);
  });

  test('a concatenation with a hierarchical reference (width unknown here) is not a mismatch; one of known parts is', async () => {
    const src3 = `module leaf(input logic [15:0] d, output logic [15:0] q);
  assign q = d;
endmodule
module t(input logic [15:0] d, output logic [31:0] y, output logic [31:0] z);
  leaf u (.d, .q());
  assign y = {16'd0, u.q};
  assign z = {8'd0, d};
endmodule`;
    expect((await elaborate(src3, 't')).warnings.filter((w) => w.startsWith('sem-width'))).toEqual(['sem-width-mismatch 7: Width mismatch: 32-bit target assigned a 24-bit expression']);
  });

  test("'{default: b} of one bit sets every bit of a vector", async () => {
    const { r, warnings } = await elaborate(src("'{default: c} ^ f"), 't');
    expect(warnings).toEqual([]);
    const p = r.design!.top.module.processes[0];
    expect(p.kind === 'assign' && p.rhs.op === 'binary' && p.rhs.left).toMatchObject({ op: 'repl', count: 8, width: 8 });
  });
});
