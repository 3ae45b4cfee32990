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
  // Links between neighbouring PEs, flattened: a_link holds N rows of N+1 horizontal hops
  // (hop 0 is the left edge), b_link N+1 rows of N vertical hops (row 0 is the top edge).
  // The last hop of each row and column leaves the array unused.
  /* verilator lint_off UNUSEDSIGNAL */
  wire [N*(N+1)*DATA_W-1:0] a_link;
  wire [(N+1)*N*DATA_W-1:0] b_link;
  /* verilator lint_on UNUSEDSIGNAL */
  wire [N*(N+1)-1:0]        v_link;

  genvar r, c;
  generate
    for (r = 0; r < N; r = r + 1) begin : g_row
      assign a_link[(r*(N+1))*DATA_W +: DATA_W] = a_left[r*DATA_W +: DATA_W];
      assign v_link[r*(N+1)]                     = valid_in;
      for (c = 0; c < N; c = c + 1) begin : g_col
        if (r == 0) begin : g_top
          assign b_link[c*DATA_W +: DATA_W] = b_top[c*DATA_W +: DATA_W];
        end
        wire signed [ACC_W-1:0] acc;
        mac_pe #(.DATA_W(DATA_W), .ACC_W(ACC_W)) u_pe (
          .clk      (clk),
          .rst_n    (rst_n),
          .clear    (clear),
          .valid_in (v_link[r*(N+1)+c]),
          .a_in     (a_link[(r*(N+1)+c)*DATA_W +: DATA_W]),
          .b_in     (b_link[(r*N+c)*DATA_W +: DATA_W]),
          .valid_out(v_link[r*(N+1)+c+1]),
          .a_out    (a_link[(r*(N+1)+c+1)*DATA_W +: DATA_W]),
          .b_out    (b_link[((r+1)*N+c)*DATA_W +: DATA_W]),
          .acc      (acc)
        );
        assign acc_flat[(r*N+c)*ACC_W +: ACC_W] = acc;
      end
    end
  endgenerate
endmodule
