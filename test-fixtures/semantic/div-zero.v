module t(output wire [7:0] y);
  localparam Z = 0;
  localparam P = 8 / Z; // expect: sem-div-zero
  assign y = P;
endmodule
