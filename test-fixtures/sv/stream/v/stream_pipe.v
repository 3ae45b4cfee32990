// Verilog-2005 twin of stream_if.sv + pipe_stage.sv, interfaces flattened by hand.
module pipe_stage #(parameter W = 16) (
  input          clk,
  input          rst_n,
  input          in_valid,
  input  [W-1:0] in_data,
  output         in_ready,
  output         out_valid,
  output [W-1:0] out_data,
  input          out_ready
);
  reg [W-1:0] data_q;
  reg         valid_q;
  assign in_ready  = !valid_q || out_ready;
  assign out_valid = valid_q;
  assign out_data  = data_q;
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      valid_q <= 1'b0;
      data_q  <= {W{1'b0}};
    end else if (in_ready) begin
      valid_q <= in_valid;
      data_q  <= in_data + 1'b1;
    end
  end
endmodule

module stream_pipe #(parameter W = 16) (
  input          clk,
  input          rst_n,
  input          in_valid,
  output         in_ready,
  input  [W-1:0] in_data,
  output         out_valid,
  input          out_ready,
  output [W-1:0] out_data
);
  wire         s1_valid, s2_valid, s1_ready, s2_ready;
  wire [W-1:0] s1_data, s2_data;
  pipe_stage #(.W(W)) u0 (.clk(clk), .rst_n(rst_n), .in_valid(in_valid), .in_data(in_data), .in_ready(in_ready),
                          .out_valid(s1_valid), .out_data(s1_data), .out_ready(s1_ready));
  pipe_stage #(.W(W)) u1 (.clk(clk), .rst_n(rst_n), .in_valid(s1_valid), .in_data(s1_data), .in_ready(s1_ready),
                          .out_valid(s2_valid), .out_data(s2_data), .out_ready(s2_ready));
  pipe_stage #(.W(W)) u2 (.clk(clk), .rst_n(rst_n), .in_valid(s2_valid), .in_data(s2_data), .in_ready(s2_ready),
                          .out_valid(out_valid), .out_data(out_data), .out_ready(out_ready));
endmodule
