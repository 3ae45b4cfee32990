module m (input wire clk, input wire a, output reg y);
  always @(posedge clk) begin
    y <= a;
  end
  end
endmodule
