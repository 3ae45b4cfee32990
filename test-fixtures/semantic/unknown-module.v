module t(input wire a, output wire y);
  nosuch u0 (.a(a), .y(y)); // expect: sem-unknown-module
endmodule
