// Verilog-2005 twin of sv/lane_array.sv: the interface arrays flattened by hand into vectors.
module lane_scale #(parameter W = 8) (
  input              clk,
  input              in_valid,
  input      [W-1:0] in_data,
  output reg         out_valid,
  output reg [W-1:0] out_data,
  input      [W-1:0] k
);
  always @(posedge clk) begin
    out_valid <= in_valid;
    out_data  <= in_valid ? in_data * k : {W{1'b0}};
  end
endmodule

module lane_sum #(parameter N = 4, parameter W = 8) (
  input                clk,
  input      [N-1:0]   lanes_valid,
  input      [N*W-1:0] lanes_data,
  output reg [W+1:0]   sum,
  output reg           any
);
  reg [W+1:0] acc;
  reg         v;
  integer     i;
  always @* begin
    acc = {(W+2){1'b0}};
    v   = 1'b0;
    for (i = 0; i < N; i = i + 1) begin
      if (lanes_valid[i]) acc = acc + {2'b00, lanes_data[i*W +: W]};
      v = v | lanes_valid[i];
    end
  end
  always @(posedge clk) begin
    sum <= acc;
    any <= v;
  end
endmodule

module lane_array #(parameter N = 4, parameter W = 8) (
  input            clk,
  input  [N-1:0]   in_valid,
  input  [N*W-1:0] in_data,
  input  [W-1:0]   k,
  output [W+1:0]   sum,
  output           any
);
  wire [N-1:0]   b_valid;
  wire [N*W-1:0] b_data;
  genvar g;
  generate
    for (g = 0; g < N; g = g + 1) begin : g_lane
      lane_scale #(.W(W)) u_scale (.clk(clk), .in_valid(in_valid[g]), .in_data(in_data[g*W +: W]),
                                   .out_valid(b_valid[g]), .out_data(b_data[g*W +: W]), .k(k));
    end
  endgenerate
  lane_sum #(.N(N), .W(W)) u_sum (.clk(clk), .lanes_valid(b_valid), .lanes_data(b_data), .sum(sum), .any(any));
endmodule
