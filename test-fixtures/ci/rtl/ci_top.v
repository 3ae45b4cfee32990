// The CI fixture's top: a MAC on the core clock and a byte register on the I/O clock.
// ppa: clock clk_core 2GHz
module ci_top (
  input  wire        clk_core,
  input  wire        clk_io,
  input  wire [15:0] a,
  input  wire [15:0] b,
  output wire [31:0] acc,
  output reg  [7:0]  q
);
  mac_unit u_mac (.clk(clk_core), .a(a), .b(b), .acc(acc));
  always @(posedge clk_io) q <= a[7:0];
endmodule
