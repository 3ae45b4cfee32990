module t(input wire a, output wire y);
  wire w; // expect: sem-undriven
  assign y = a & w;
endmodule
