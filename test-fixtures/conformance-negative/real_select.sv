// A real has no bits (IEEE 1800 6.12): selecting one, or indexing with a real, is an error.
module real_select (output logic bit_out, output logic pick_out);
  real level = 0.25;
  logic [3:0] lanes = 4'b1010;

  assign bit_out = level[1];
  assign pick_out = lanes[level];
endmodule
