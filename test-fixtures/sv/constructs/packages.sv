// Imports at file scope, in a module header and in a body; p::name; a package importing another.
import cfg_pkg::AW;

module pkg_user import cfg_pkg::*; (
  input  logic              clk,
  input  addr_t             a,
  input  logic [7:0]        d,
  output logic [AW-1:0]     q,
  output logic [7:0]        s,
  output logic              is_wr
);
  import more_pkg::LAST;
  op_t op;
  assign op = (a == LAST) ? WR : cfg_pkg::RD;
  assign is_wr = op == cfg_pkg::WR;
  assign s = cfg_pkg::swap(d);
  always_ff @(posedge clk) q <= a + addr_t'(1);
endmodule
