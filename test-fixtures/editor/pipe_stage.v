// A small pipeline stage: an 8-bit register behind an increment.
module pipe_stage (
  input  wire       clk,
  input  wire [7:0] d,
  output reg  [7:0] q
);
  always @(posedge clk) q <= d + 8'd1;
endmodule
