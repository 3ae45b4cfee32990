module width_fix (
  input  wire [15:0] wide,
  input  wire [3:0]  narrow,
  output wire [7:0]  y,
  output wire [7:0]  z
);
  assign y = wide[7:0];
  assign z = {{4{1'b0}}, narrow};
endmodule
