module t(input wire a, output wire y);
  assign y = a & bogus; // expect: sem-undeclared
endmodule
