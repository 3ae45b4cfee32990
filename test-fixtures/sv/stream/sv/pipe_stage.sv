// One register stage of a valid/ready pipeline, connected through interface ports.
module pipe_stage #(parameter int W = 16) (
  input  logic  clk,
  input  logic  rst_n,
  stream_if.dst in,
  stream_if.src out
);
  logic [W-1:0] data_q;
  logic         valid_q;
  assign in.ready  = !valid_q || out.ready;
  assign out.valid = valid_q;
  assign out.data  = data_q;
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      valid_q <= 1'b0;
      data_q  <= '0;
    end else if (in.ready) begin
      valid_q <= in.valid;
      data_q  <= in.data + W'(1);
    end
  end
endmodule

// Three stages chained by interface instances.
module stream_pipe #(parameter int W = 16) (
  input  logic         clk,
  input  logic         rst_n,
  input  logic         in_valid,
  output logic         in_ready,
  input  logic [W-1:0] in_data,
  output logic         out_valid,
  input  logic         out_ready,
  output logic [W-1:0] out_data
);
  stream_if #(.W(W)) s0 ();
  stream_if #(.W(W)) s1 ();
  stream_if #(.W(W)) s2 ();
  stream_if #(.W(W)) s3 ();
  assign s0.valid  = in_valid;
  assign s0.data   = in_data;
  assign in_ready  = s0.ready;
  assign out_valid = s3.valid;
  assign out_data  = s3.data;
  assign s3.ready  = out_ready;
  pipe_stage #(.W(W)) u0 (.clk(clk), .rst_n(rst_n), .in(s0), .out(s1));
  pipe_stage #(.W(W)) u1 (.clk, .rst_n, .in(s1.dst), .out(s2.src));
  pipe_stage #(.W(W)) u2 (clk, rst_n, s2, s3);
endmodule
