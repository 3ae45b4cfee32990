// limit: 20000 (the default budget is 1,000,000 iterations; see semantic-elaborate.test.ts)
module t(input wire a, output wire y);
  genvar i;
  for (i = 0; i < 2000000; i = i + 1) begin : g // expect: sem-limit
    wire w = a;
  end
  assign y = a;
endmodule
