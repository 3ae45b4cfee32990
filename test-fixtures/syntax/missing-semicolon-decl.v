module m (input wire clk, output reg y);
  wire a = 1'b1
  always @(posedge clk) y <= a;
endmodule
