// A scratchpad with one large register array (256 x 32 = 8 Kbit: an SRAM macro on a 7nm process)
// and a small one (16 x 8: flops on any process).
module scratchpad (
  input  wire        clk,
  input  wire        we,
  input  wire [7:0]  waddr,
  input  wire [31:0] wdata,
  input  wire [7:0]  raddr,
  output reg  [31:0] rdata,
  input  wire        twe,
  input  wire [3:0]  taddr,
  input  wire [7:0]  tdata,
  output wire [7:0]  tq
);
  reg [31:0] mem [0:255];
  reg [7:0]  tags [0:15];
  always @(posedge clk) begin
    if (we) mem[waddr] <= wdata;
    rdata <= mem[raddr];
    if (twe) tags[taddr] <= tdata;
  end
  assign tq = tags[taddr];
endmodule
