// The decrement idiom on a narrow register is not a truncation; a real truncation still warns.
module t(input wire clk, input wire [31:0] wide, output reg [18:0] c, output reg [3:0] t);
  always @(posedge clk) begin
    c <= c - 1;
    t <= wide; // expect: sem-width-mismatch
  end
endmodule
