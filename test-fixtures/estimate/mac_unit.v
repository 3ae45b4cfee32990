// A registered signed multiply-accumulate with clear and enable.
module mac_unit #(parameter W = 8, parameter ACC = 24) (
  input  wire                  clk,
  input  wire                  rst_n,
  input  wire                  clr,
  input  wire                  en,
  input  wire signed [W-1:0]   a,
  input  wire signed [W-1:0]   b,
  output reg  signed [ACC-1:0] acc
);
  always @(posedge clk) begin
    if (!rst_n) acc <= 0;
    else if (clr) acc <= 0;
    else if (en) acc <= acc + a * b;
  end
endmodule
