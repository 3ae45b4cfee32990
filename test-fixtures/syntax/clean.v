`timescale 1ns/1ps
module clean #(parameter W = 4) (
  input  wire         clk,
  input  wire [W-1:0] a,
  output reg  [W-1:0] q
);
  wire [W-1:0] n = {a[0], a[W-1:1]};
  always @(posedge clk) begin : seq
    case (a)
      4'd0:    q <= 0;
      default: q <= n;
    endcase
  end
  generate
    genvar i;
    for (i = 0; i < W; i = i + 1) begin : g_bit
      wire t = a[i];
    end
  endgenerate
  function [W-1:0] rev(input [W-1:0] x);
    rev = x;
  endfunction
endmodule
