module t(input wire [7:0] a, output wire y);
  assign y = a[9]; // expect: sem-select-range
endmodule
