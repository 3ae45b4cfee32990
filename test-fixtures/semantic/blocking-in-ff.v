module t(input wire clk, input wire d, output reg q);
  always @(posedge clk) q = d; // expect: sem-blocking-in-ff
endmodule
