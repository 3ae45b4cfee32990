module t(input wire clk, input wire a, output reg y);
  initial y = 0; // expect: sem-ignored
  always @(posedge clk) begin
    while (a) y <= ~y; // expect: sem-unsupported
  end
endmodule
