// A 4x4 int8 systolic matrix-multiply tile: input skew registers (row r and column c delayed by
// r and c cycles, so operands meet in the right PE), the array, and a small controller that
// counts the K operand beats plus the drain latency and raises `done`.
module systolic_top #(
  parameter N      = 4,
  parameter DATA_W = 8,
  parameter ACC_W  = 32,
  parameter K_W    = 8
) (
  input  wire                 clk,
  input  wire                 rst_n,
  input  wire                 start,
  input  wire [K_W-1:0]       k_len,     // number of operand beats in this tile
  input  wire                 in_valid,
  input  wire [N*DATA_W-1:0]  a_row,     // column k of A (one element per row)
  input  wire [N*DATA_W-1:0]  b_col,     // row k of B (one element per column)
  output reg                  busy,
  output reg                  done,
  output wire [N*N*ACC_W-1:0] c_tile
);
  localparam DRAIN = 2 * N;

  reg  [K_W:0]        beats;
  reg  [K_W:0]        drain;
  wire [N*DATA_W-1:0] a_skewed;
  wire [N*DATA_W-1:0] b_skewed;
  wire [N-1:0]        valid_skew;

  // Skew: lane i passes through i registers.
  genvar i;
  generate
    for (i = 0; i < N; i = i + 1) begin : g_skew
      if (i == 0) begin : g_direct
        assign a_skewed[DATA_W-1:0] = a_row[DATA_W-1:0];
        assign b_skewed[DATA_W-1:0] = b_col[DATA_W-1:0];
        assign valid_skew[0]        = in_valid & busy;
      end else begin : g_delay
        reg [DATA_W-1:0] a_pipe [0:i-1];
        reg [DATA_W-1:0] b_pipe [0:i-1];
        reg [i-1:0]      v_pipe;
        integer s;
        always @(posedge clk or negedge rst_n) begin
          if (!rst_n) begin
            for (s = 0; s < i; s = s + 1) begin
              a_pipe[s] <= {DATA_W{1'b0}};
              b_pipe[s] <= {DATA_W{1'b0}};
            end
            v_pipe <= {i{1'b0}};
          end else begin
            a_pipe[0] <= a_row[i*DATA_W +: DATA_W];
            b_pipe[0] <= b_col[i*DATA_W +: DATA_W];
            v_pipe[0] <= in_valid & busy;
            for (s = 1; s < i; s = s + 1) begin
              a_pipe[s] <= a_pipe[s-1];
              b_pipe[s] <= b_pipe[s-1];
              v_pipe[s] <= v_pipe[s-1];
            end
          end
        end
        assign a_skewed[i*DATA_W +: DATA_W] = a_pipe[i-1];
        assign b_skewed[i*DATA_W +: DATA_W] = b_pipe[i-1];
        assign valid_skew[i]                = v_pipe[i-1];
      end
    end
  endgenerate

  systolic_array #(.N(N), .DATA_W(DATA_W), .ACC_W(ACC_W)) u_array (
    .clk     (clk),
    .rst_n   (rst_n),
    .clear   (start),
    .valid_in(|valid_skew),
    .a_left  (a_skewed),
    .b_top   (b_skewed),
    .acc_flat(c_tile)
  );

  // Controller: IDLE -> FEED (k_len beats) -> DRAIN (skew + array latency) -> done pulse.
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      busy  <= 1'b0;
      done  <= 1'b0;
      beats <= {(K_W+1){1'b0}};
      drain <= {(K_W+1){1'b0}};
    end else begin
      done <= 1'b0;
      if (start && !busy) begin
        busy  <= 1'b1;
        beats <= {1'b0, k_len};
        drain <= DRAIN[K_W:0];
      end else if (busy) begin
        if (beats != 0) begin
          if (in_valid) beats <= beats - 1'b1;
        end else if (drain != 0) begin
          drain <= drain - 1'b1;
        end else begin
          busy <= 1'b0;
          done <= 1'b1;
        end
      end
    end
  end
endmodule
