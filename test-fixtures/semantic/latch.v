module t(input wire en, input wire [3:0] d, output reg [3:0] q);
  always @* begin
    if (en) q = d; // expect: sem-latch
  end
endmodule
