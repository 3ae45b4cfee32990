// A file with a syntax error and a warning, for SARIF of check's diagnostics.
module broken (input wire clk, input wire [3:0] d, output reg [3:0] q);
  wire [3:0] unused_w;
  always @(posedge clk) q <= d
endmodule
