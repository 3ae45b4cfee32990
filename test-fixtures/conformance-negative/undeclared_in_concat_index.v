// Negative case: one name of the concatenation index is not declared anywhere.
module undeclared_in_concat_index (input wire a, output wire y);
  wire [3:0] m = 4'b1010;
  assign y = m[{a, missing}];
endmodule
