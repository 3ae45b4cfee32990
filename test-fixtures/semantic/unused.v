module t(input wire a, output wire y);
  wire spare = ~a; // expect: sem-unused
  assign y = a;
endmodule
