module sub (input wire [7:0] a, output wire [7:0] y);
  assign y = a;
endmodule
module t(input wire [3:0] a, output wire [7:0] y);
  sub u0 (.a(a), .y(y)); // expect: sem-port-width
endmodule
