// A row of processing elements from mac_pe.v: instances in a generate loop, named connections,
// parameter overrides by name, and an implicit `.clk` connection.
module pe_row #(
  parameter N = 4,
  parameter W = 16
) (
  input  wire           clk,
  input  wire           rst_n,
  input  wire [W-1:0]   a_left,
  input  wire [N*W-1:0] b_top,
  output wire [W-1:0]   a_right
);
  wire [W-1:0] a_link [0:N];
  assign a_link[0] = a_left;

  genvar i;
  generate
    for (i = 0; i < N; i = i + 1) begin : g_col
      wire signed [2*W+3:0] acc_i;
      mac_pe #(.DW(W), .ACC(2 * W + 4)) u_pe (
        .clk,
        .rst_n (rst_n),
        .a_in  (a_link[i]),
        .b_in  (b_top[i*W +: W]),
        .a_out (a_link[i+1]),
        .acc   (acc_i)
      );
    end
  endgenerate

  assign a_right = a_link[N];
endmodule
