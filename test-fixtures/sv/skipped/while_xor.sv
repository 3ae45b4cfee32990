// A `while` loop whose exit depends on data is not modelled by the estimator (one with a constant
// bound is unrolled): its logic is skipped, which the estimate must say (never a silent 0 µm²),
// with how much may be missing. `gate` beside it is modelled.
module while_xor (input logic [7:0] a, output logic [7:0] y);
  always_comb begin
    int i;
    y = a;
    i = 0;
    while (i < 4 && !y[0]) begin
      y = y ^ (a >> i);
      i++;
    end
  end
endmodule

module gate (input logic [7:0] a, b, output logic [7:0] y);
  assign y = a & b;
endmodule

module skipped_top (input logic [7:0] a, b, output logic [7:0] y, z);
  while_xor u_w (.a(a), .y(y));
  gate u_g (.a(a), .b(b), .y(z));
endmodule
