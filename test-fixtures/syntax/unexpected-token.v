module m (input wire a, output wire y);
  assign y = a + * a;
endmodule
