module sub #(parameter W = 2) (input wire [W-1:0] a, output wire [W-1:0] y);
  assign y = a;
endmodule
module t(input wire [1:0] a, output wire [1:0] y);
  sub #(.W(2)) u0 (.a(a), .y(y), .zz(a)); // expect: sem-unknown-port
endmodule
