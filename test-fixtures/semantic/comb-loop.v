module t(input wire a, output wire y);
  wire p, q;
  assign p = q & a; // expect: sem-comb-loop
  assign q = p | a;
  assign y = q;
endmodule
