module sub (input wire a, input wire b, output wire y);
  assign y = a ^ b;
endmodule
module t(input wire a, output wire y);
  sub u0 (.a(a), .y(y)); // expect: sem-missing-port
endmodule
