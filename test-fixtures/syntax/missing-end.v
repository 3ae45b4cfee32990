module m (input wire clk, input wire a, output reg y);
  always @(posedge clk) begin
    if (a) begin
      y <= 1'b1;
    else begin
      y <= 1'b0;
    end
  end
endmodule
