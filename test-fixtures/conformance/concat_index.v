// A concatenation used as an index: `flags[{bank, slot}]` (plain Verilog-2005).
module concat_index (
  input  wire       clk,
  input  wire       bank,
  input  wire [1:0] slot,
  input  wire       set,
  output reg        hit
);
  reg [7:0] flags;
  always @(posedge clk) begin
    if (set) flags[{bank, slot}] <= 1'b1;
    hit <= flags[{bank, slot}];
  end
endmodule
