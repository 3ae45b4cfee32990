module sub #(parameter W = 2) (input wire [W-1:0] a, output wire [W-1:0] y);
  assign y = a;
endmodule
module t(input wire [1:0] a, output wire [1:0] y);
  sub #(.WIDTH(2)) u0 (.a(a), .y(y)); // expect: sem-unknown-param
endmodule
