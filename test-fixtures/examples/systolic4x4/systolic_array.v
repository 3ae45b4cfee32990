// An N x N grid of mac_pe. Row r takes its activations on the left edge, column c its weights on
// the top edge; the accumulators of all PEs come out flattened, row-major.
module systolic_array #(
  parameter N      = 4,
  parameter DATA_W = 8,
  parameter ACC_W  = 32
) (
  input  wire                    clk,
  input  wire                    rst_n,
  input  wire                    clear,
  input  wire                    valid_in,
  input  wire [N*DATA_W-1:0]     a_left,   // one activation per row
  input  wire [N*DATA_W-1:0]     b_top,    // one weight per column
  output wire [N*N*ACC_W-1:0]    acc_flat
);
  // Horizontal and vertical links between neighbouring PEs (one extra column / row at the edge).
  wire [DATA_W-1:0] a_link [0:N-1][0:N];
  wire [DATA_W-1:0] b_link [0:N][0:N-1];
  wire              v_link [0:N-1][0:N];

  genvar r, c;
  generate
    for (r = 0; r < N; r = r + 1) begin : g_row
      assign a_link[r][0] = a_left[r*DATA_W +: DATA_W];
      assign v_link[r][0] = valid_in;
      for (c = 0; c < N; c = c + 1) begin : g_col
        if (r == 0) begin : g_top
          assign b_link[0][c] = b_top[c*DATA_W +: DATA_W];
        end
        wire signed [ACC_W-1:0] acc;
        mac_pe #(.DATA_W(DATA_W), .ACC_W(ACC_W)) u_pe (
          .clk      (clk),
          .rst_n    (rst_n),
          .clear    (clear),
          .valid_in (v_link[r][c]),
          .a_in     (a_link[r][c]),
          .b_in     (b_link[r][c]),
          .valid_out(v_link[r][c+1]),
          .a_out    (a_link[r][c+1]),
          .b_out    (b_link[r+1][c]),
          .acc      (acc)
        );
        assign acc_flat[(r*N+c)*ACC_W +: ACC_W] = acc;
      end
    end
  endgenerate
endmodule
