module t #(parameter N = 0) (input wire a, output wire y);
  t #(.N(N + 1)) u (.a(a), .y(y)); // expect: sem-limit
endmodule
