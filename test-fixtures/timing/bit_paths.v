// Two lanes share one bus into a child, and the child reads the lanes apart: the bits that come
// out of the parent's multiplier go straight into a flop in the child, the bits of a plain
// register go into the child's multiply-accumulate. The real worst path is the register through
// the child's multiply-accumulate; the parent's multiplier followed by the child's one is no path.
module bp_child (
  input  wire        clk,
  input  wire [15:0] bus,
  output reg  [7:0]  q,
  output reg  [23:0] acc
);
  always @(posedge clk) begin
    q   <= bus[7:0];
    acc <= acc + bus[15:8] * bus[15:8];
  end
endmodule

module bp_top (
  input  wire        clk,
  input  wire [7:0]  x,
  input  wire [7:0]  y,
  output wire [7:0]  q,
  output wire [23:0] acc
);
  reg  [7:0] rx, ry, rl;
  wire [7:0] prod = rx * ry;
  always @(posedge clk) begin
    rx <= x;
    ry <= y;
    rl <= x ^ y;
  end
  bp_child u_child (.clk(clk), .bus({rl, prod}), .q(q), .acc(acc));
endmodule

// The same lanes crossed: the multiplier's bits go into the multiply-accumulate.
module bp_top_crossed (
  input  wire        clk,
  input  wire [7:0]  x,
  input  wire [7:0]  y,
  output wire [7:0]  q,
  output wire [23:0] acc
);
  reg  [7:0] rx, ry, rl;
  wire [7:0] prod = rx * ry;
  always @(posedge clk) begin
    rx <= x;
    ry <= y;
    rl <= x ^ y;
  end
  bp_child u_child (.clk(clk), .bus({prod, rl}), .q(q), .acc(acc));
endmodule

// A bus read bit by bit by more logic than the timer splits a port into (40 groups): its groups
// are merged, and a path into it is marked approximate.
module bp_wide_child (
  input  wire        clk,
  input  wire [39:0] bus,
  output reg  [39:0] q
);
  wire [39:0] pairs;
  genvar i;
  generate
    for (i = 0; i < 40; i = i + 1) begin : g_bit
      assign pairs[i] = bus[i] & bus[(i + 1) % 40];
    end
  endgenerate
  always @(posedge clk) q <= pairs;
endmodule

module bp_wide_top (
  input  wire        clk,
  input  wire [39:0] d,
  output wire [39:0] q
);
  reg [39:0] r;
  always @(posedge clk) r <= d + 40'd1;
  bp_wide_child u_wide (.clk(clk), .bus(r), .q(q));
endmodule
