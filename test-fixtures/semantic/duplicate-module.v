module t(input wire a, output wire y);
  assign y = a;
endmodule
module t(input wire a, output wire y); // expect: sem-duplicate-module
  assign y = ~a;
endmodule
