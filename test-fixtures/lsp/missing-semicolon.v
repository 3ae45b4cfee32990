// An accumulator with one missing `;`: the declaration of `x` on line 8.
// The real-client tests open it, expect exactly that error, then type the `;` and expect no errors.
module acc (
  input  wire       clk,
  input  wire [7:0] a,
  output reg  [7:0] q
);
  wire [7:0] x
  assign x = a + q;
  always @(posedge clk) q <= x;
endmodule
