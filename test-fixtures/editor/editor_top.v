// The editor fixture's top: a registered 16x16 multiply-accumulate (the slow path, ending at
// acc) and two small pipeline stages from the other file. The clock target below is missed.
// ppa: clock clk 2GHz
module editor_top (
  input  wire        clk,
  input  wire [15:0] a,
  input  wire [15:0] b,
  output reg  [31:0] acc,
  output wire [7:0]  q
);
  reg  [15:0] ra, rb;
  wire [31:0] prod = ra * rb;
  wire [7:0]  mid;
  always @(posedge clk) begin
    ra  <= a;
    rb  <= b;
    acc <= acc + prod;
  end
  pipe_stage u_first (.clk(clk), .d(a[7:0]), .q(mid));
  pipe_stage u_second (.clk(clk), .d(mid), .q(q));
endmodule
