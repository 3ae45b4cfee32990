module m(input wire clk, input wire a, output reg q);
  wire x;
  assign x = a + q
  always @(posedge clk) q <= x;
endmodule
