module t(input wire a, input wire b, output wire y);
  assign y = a;
  assign y = b; // expect: sem-multiple-drivers
endmodule
