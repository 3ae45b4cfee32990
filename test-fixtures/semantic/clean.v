// No diagnostics expected: ripple carry (bit-level, not a loop), full case, default assignment.
module t #(parameter W = 4) (input wire clk, input wire rst_n, input wire [W-1:0] a, input wire [W-1:0] b,
  input wire [1:0] sel, output wire [W:0] sum, output reg [W-1:0] m, output reg [W-1:0] q);
  wire [W:0] c;
  assign c[0] = 1'b0;
  genvar i;
  generate for (i = 0; i < W; i = i + 1) begin : g_bit
    assign sum[i] = a[i] ^ b[i] ^ c[i];
    assign c[i+1] = (a[i] & b[i]) | (c[i] & (a[i] ^ b[i]));
  end endgenerate
  assign sum[W] = c[W];
  always @* begin
    m = {W{1'b0}};
    case (sel)
      2'd0: m = a;
      2'd1: m = b;
      2'd2: m = a & b;
      2'd3: m = a | b;
    endcase
  end
  always @(posedge clk or negedge rst_n)
    if (!rst_n) q <= {W{1'b0}};
    else q <= m;
endmodule
