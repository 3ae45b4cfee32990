/**
 * Our own parametrised operator modules for the calibration sweep (Verilog-2005, one module each),
 * so that `ppa-lens calibrate` needs nothing but the liberty files. Design names match the
 * reference CSVs where the operator is the same, so both kinds of rows feed the same models.
 */

export interface SweepModule {
  /** Top module name. */
  top: string;
  source: string;
}

const m = (top: string, source: string): SweepModule => ({ top, source: source.trim() + '\n' });

/** `out = a < b`, signed or unsigned by the SIGNED parameter (the comparison modules share it). */
const lessThan = (out: string) => `  generate
    if (SIGNED) begin : g_signed
      assign ${out} = $signed(a) < $signed(b);
    end else begin : g_unsigned
      assign ${out} = a < b;
    end
  endgenerate`;

/** By design name (the first column of the ground-truth CSV). */
export const SWEEP_MODULES: Record<string, SweepModule> = {
  adder: m('ppl_adder', `
// y = a + b, carry out dropped
module ppl_adder #(parameter W = 8) (input [W-1:0] a, input [W-1:0] b, output [W-1:0] y);
  assign y = a + b;
endmodule`),
  subtractor: m('ppl_subtractor', `
// y = a - b, borrow dropped
module ppl_subtractor #(parameter W = 8) (input [W-1:0] a, input [W-1:0] b, output [W-1:0] y);
  assign y = a - b;
endmodule`),
  multiplier: m('ppl_multiplier', `
// full-width product, two's complement when SIGNED
module ppl_multiplier #(parameter W = 8, parameter SIGNED = 0) (input [W-1:0] a, input [W-1:0] b, output [2*W-1:0] y);
  generate
    if (SIGNED) begin : g_signed
      assign y = $signed(a) * $signed(b);
    end else begin : g_unsigned
      assign y = a * b;
    end
  endgenerate
endmodule`),
  mac: m('ppl_mac', `
// y <= a*b + c with operands and result registered (every path register to register)
module ppl_mac #(parameter W = 8, parameter SIGNED = 0) (
  input clk, input [W-1:0] a, input [W-1:0] b, input [2*W-1:0] c, output reg [2*W-1:0] y);
  reg [W-1:0] qa, qb;
  reg [2*W-1:0] qc;
  wire [2*W-1:0] sum;
  generate
    if (SIGNED) begin : g_signed
      assign sum = $signed(qa) * $signed(qb) + $signed(qc);
    end else begin : g_unsigned
      assign sum = qa * qb + qc;
    end
  endgenerate
  always @(posedge clk) begin
    qa <= a;
    qb <= b;
    qc <= c;
    y <= sum;
  end
endmodule`),
  mux: m('ppl_mux', `
// N words of W bits, binary select (an indexed part-select, as RTL writes a word mux)
module ppl_mux #(parameter N = 4, parameter W = 8) (input [N*W-1:0] d, input [$clog2(N)-1:0] sel, output [W-1:0] y);
  assign y = d[sel*W +: W];
endmodule`),
  less_than: m('ppl_less_than', `
// a < b only
module ppl_less_than #(parameter W = 8, parameter SIGNED = 0) (input [W-1:0] a, input [W-1:0] b, output y);
${lessThan('y')}
endmodule`),
  equality: m('ppl_equality', `
// a == b only
module ppl_equality #(parameter W = 8) (input [W-1:0] a, input [W-1:0] b, output y);
  assign y = a == b;
endmodule`),
  comparator: m('ppl_comparator', `
// a < b and a == b together (as the reference sweep measures them)
module ppl_comparator #(parameter W = 8, parameter SIGNED = 0) (input [W-1:0] a, input [W-1:0] b, output lt, output eq);
${lessThan('lt')}
  assign eq = a == b;
endmodule`),
  shifter: m('ppl_shifter', `
// shift by a variable amount: MODE 0 <<, 1 >>, 2 >>> (arithmetic), 3 rotate left. One generate
// branch per mode: inside a ?: with unsigned operands, >>> would silently become logical.
module ppl_shifter #(parameter W = 8, parameter MODE = 0) (input [W-1:0] a, input [$clog2(W)-1:0] s, output [W-1:0] y);
  generate
    if (MODE == 0) begin : g_sll
      assign y = a << s;
    end else if (MODE == 1) begin : g_srl
      assign y = a >> s;
    end else if (MODE == 2) begin : g_sra
      assign y = $signed(a) >>> s;
    end else begin : g_rol
      wire [2*W-1:0] twice = {a, a} << s;
      assign y = twice[2*W-1:W];
    end
  endgenerate
endmodule`),
  shift_const: m('ppl_shift_const', `
// shift by a constant: wiring (and a tie cell), i.e. the flow's input-to-output overhead
module ppl_shift_const #(parameter W = 8) (input [W-1:0] a, output [W-1:0] y);
  assign y = a << 1;
endmodule`),
  bitwise: m('ppl_bitwise', `
// one 2-input gate per bit: the random-logic gate-equivalent
module ppl_bitwise #(parameter W = 8) (input [W-1:0] a, input [W-1:0] b, output [W-1:0] y);
  assign y = a & b;
endmodule`),
  register: m('ppl_register', `
// plain D flip-flops
module ppl_register #(parameter N = 8) (input clk, input [N-1:0] d, output reg [N-1:0] q);
  always @(posedge clk) q <= d;
endmodule`),
  register_en_rst: m('ppl_register_en_rst', `
// D flip-flops with synchronous reset and enable
module ppl_register_en_rst #(parameter N = 8) (input clk, input rst, input en, input [N-1:0] d, output reg [N-1:0] q);
  always @(posedge clk) begin
    if (rst) q <= 0;
    else if (en) q <= d;
  end
endmodule`),
  counter: m('ppl_counter', `
// up-counter with synchronous reset and enable
module ppl_counter #(parameter W = 8) (input clk, input rst, input en, output reg [W-1:0] q);
  always @(posedge clk) begin
    if (rst) q <= 0;
    else if (en) q <= q + 1'b1;
  end
endmodule`),
  memory: m('ppl_memory', `
// DEPTH x W flip-flop memory: one synchronous write port, one asynchronous read port
module ppl_memory #(parameter DEPTH = 16, parameter W = 8) (
  input clk, input we, input [$clog2(DEPTH)-1:0] waddr, input [$clog2(DEPTH)-1:0] raddr,
  input [W-1:0] wdata, output [W-1:0] rdata);
  reg [W-1:0] words [0:DEPTH-1];
  always @(posedge clk) if (we) words[waddr] <= wdata;
  assign rdata = words[raddr];
endmodule`),
};
