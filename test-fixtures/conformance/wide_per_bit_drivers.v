// A net wider than the checker tracks per bit (4096), written one bit per always block: each bit
// has one driver, so no "driven from more than one place".
module wide_per_bit_drivers (input wire clk, input wire [4999:0] d, output reg [4999:0] q);
  genvar i;
  generate for (i = 0; i < 5000; i = i + 1) begin : g_bit
    always @(posedge clk) q[i] <= d[i];
  end endgenerate
endmodule
