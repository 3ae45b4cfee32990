// A registered 16x16 multiply-accumulate: the slow stage of the CI fixture.
module mac_unit (
  input  wire        clk,
  input  wire [15:0] a,
  input  wire [15:0] b,
  output reg  [31:0] acc
);
  reg [15:0] ra, rb;
  always @(posedge clk) begin
    ra  <= a;
    rb  <= b;
    acc <= acc + ra * rb;
  end
endmodule
