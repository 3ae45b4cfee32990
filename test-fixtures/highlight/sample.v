// Highlighting fixture: one of each construct the Verilog grammar colours.
// ppa: clock clk 1.25GHz
`timescale 1ns/1ps
`include "defs.vh"
`define WIDTH 16
`define MAX(a, b) ((a) > (b) ? (a) : \
                   (b))
`ifdef USE_FAST_ADDER
`undef SLOW
`else
`endif

/* A block comment
   over two lines */
(* keep = "true", dont_touch *)
module mac_unit #(
  parameter integer W = `WIDTH,
  parameter real    SCALE = 1.5e-3,
  localparam ACC_W = 2 * W + 4
) (
  input  wire              clk,
  input  wire              rst_n,
  input  wire signed [W-1:0] a, b,
  output reg  [ACC_W-1:0]  acc,
  output wire              done    // ends the port list
);
  reg [7:0] mask = 8'hF0 | 8'b0000_1111 | 4'sd3 | 12'o777 | 'hx;
  integer i;
  wire [W-1:0] lane = a[W-1 -: 4];
  assign #2 done = (a === b) && !(a != 0) || ^mask;

  always @(posedge clk or negedge rst_n) begin : accumulate
    if (!rst_n)
      acc <= {ACC_W{1'b0}};
    else if (acc <= 32'd100) acc <= acc + a * b;
    else acc <= acc >>> 1;
  end : accumulate

  function [7:0] parity8;
    input [7:0] v;
    parity8 = ^v;
  endfunction

  task automatic show;
    $display("acc=%0d at %t\n", acc, $time);
  endtask

  adder_tree #(.N(4), .W(W)) u_tree (.clk(clk), .in(lane), .sum());
  fifo #(
    .DEPTH(16)
  ) u_fifo (
    .clk (clk)
  );
  pe u_pe [3:0] (.clk(clk));
  and g1 (x, a[0], b[0]);

  generate
    genvar g;
    for (g = 0; g < 4; g = g + 1) begin : lanes
      initial #10.5 $finish;
    end
  endgenerate
endmodule
