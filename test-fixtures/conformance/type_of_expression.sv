// `type(expression)` (IEEE 1800 6.23) is the type of the expression, not a type named after its
// last operand; a `real` variable is declared (a note says reals are not modelled), so a use of it
// is not "undeclared".
module type_of_expression (input logic [5:0] left_in, input logic [5:0] right_in, output logic [5:0] sum_out);
  real scale = 1.5;
  shortreal ratio;
  var type(left_in + right_in) total;
  var type(scale * 2.0) scaled = scale * 2.0;
  localparam type word_t = type(logic [11:0]);
  word_t wide;

  assign total = left_in + right_in;
  assign sum_out = total;
  assign wide = {total, total};
  always_comb ratio = scale;
  initial $display("%f %f %h", scaled, ratio, wide);
endmodule
