module undeclared_net (
  input  wire [7:0] a,
  input  wire [7:0] b,
  output wire [7:0] y
);
  wire [7:0] sum;
  assign sum = a + b;
  assign y = sum;
endmodule
