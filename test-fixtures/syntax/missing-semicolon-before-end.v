module counter #(parameter W = 8) (
  input  wire         clk,
  input  wire         rst_n,
  output reg  [W-1:0] q
);
  always @(posedge clk) begin
    if (!rst_n) q <= 0;
    else        q <= q + 1'b1
  end
endmodule

module after_one (input wire a, output wire y);
  assign y = ~a;
endmodule

module after_two (input wire a, output wire y);
  wire t;
  assign t = a;
  assign y = t;
endmodule
