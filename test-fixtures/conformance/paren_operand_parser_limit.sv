// A parenthesized operand whose inside selects twice from a member (`a.w[b][3:0]`): valid
// SystemVerilog that tree-sitter-systemverilog reads as a cast. One located warning, no error.
module paren_operand_parser_limit(input logic [1:0] b, input logic x, output logic [15:0] r);
  struct packed { logic [1:0][15:0] w; } o, a;
  always_comb begin
    r = (o.w[b] >> a.w[b][3:0]) + x;
  end
endmodule
