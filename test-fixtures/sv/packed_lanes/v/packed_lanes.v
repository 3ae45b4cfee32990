// Verilog-2005 twin of packed_lanes.sv: packed arrays flattened, elements as part-selects.
module packed_lanes #(parameter L = 4, parameter W = 8) (
  input              clk,
  input  [L*W-1:0]   a,
  input  [L*W-1:0]   b,
  input  [1:0]       sel,
  output reg [W+1:0] sum_q,
  output reg [W-1:0] pick_q,
  output reg [L*W-1:0] max_q
);
  reg [L*W-1:0] mx;
  integer i;
  always @(*) begin
    mx = {L*W{1'b0}};
    for (i = L - 1; i >= 0; i = i - 1) mx[i*W +: W] = (a[i*W +: W] > b[i*W +: W]) ? a[i*W +: W] : b[i*W +: W];
  end
  reg [W+1:0] s;
  integer j;
  always @(*) begin
    s = {W+2{1'b0}};
    for (j = 0; j < L; j = j + 1) s = s + {2'b00, a[j*W +: W]};
  end
  always @(posedge clk) begin
    sum_q  <= s;
    pick_q <= a[sel*W +: W] ^ ($signed(b[W-1:0]) >>> 1);
    max_q  <= mx;
  end
endmodule
