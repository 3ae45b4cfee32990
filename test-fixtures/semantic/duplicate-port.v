module sub (input wire a, output wire y);
  assign y = a;
endmodule
module t(input wire a, output wire y);
  sub u0 (.a(a), .y(y), .a(a)); // expect: sem-duplicate-port
endmodule
