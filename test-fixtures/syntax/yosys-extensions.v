module leaf(input a, output b); assign b = a; endmodule
module top(input clk, input a, output b, output reg q);
  leaf u (.a(a), .b(b),
  );
  always @(posedge clk) begin
    q <= a;
    restrict(a != 1'b1);
  end
endmodule
