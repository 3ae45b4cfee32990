// Arrays of interfaces: N lanes scaled one by one, then summed by a module with an array of
// interface ports; lanes[i] chosen by a generate index and by an unrolled loop index.
module lane_scale #(parameter int W = 8) (
  input  logic         clk,
  lane_if.dst          in,
  lane_if.src          out,
  input  logic [W-1:0] k
);
  always_ff @(posedge clk) begin
    out.valid <= in.valid;
    out.data  <= in.valid ? in.data * k : '0;
  end
endmodule

module lane_sum #(parameter int N = 4, parameter int W = 8) (
  input  logic         clk,
  lane_if.dst          lanes [N],
  output logic [W+1:0] sum,
  output logic         any
);
  logic [W+1:0] acc;
  logic         v;
  always_comb begin
    acc = '0;
    v   = 1'b0;
    for (int i = 0; i < N; i++) begin
      if (lanes[i].valid) acc += (W+2)'(lanes[i].data);
      v |= lanes[i].valid;
    end
  end
  always_ff @(posedge clk) begin
    sum <= acc;
    any <= v;
  end
endmodule

module lane_array #(parameter int N = 4, parameter int W = 8) (
  input  logic           clk,
  input  logic [N-1:0]   in_valid,
  input  logic [N*W-1:0] in_data,
  input  logic [W-1:0]   k,
  output logic [W+1:0]   sum,
  output logic           any
);
  lane_if #(.W(W)) a [N] ();
  lane_if #(.W(W)) b [N] ();
  for (genvar g = 0; g < N; g++) begin : g_lane
    assign a[g].valid = in_valid[g];
    assign a[g].data  = in_data[g*W +: W];
    lane_scale #(.W(W)) u_scale (.clk, .in(a[g]), .out(b[g].src), .k);
  end
  lane_sum #(.N(N), .W(W)) u_sum (.clk, .lanes(b), .sum, .any);
endmodule
