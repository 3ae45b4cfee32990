// `include inside a macro body (IEEE 1800 22.4): the file is included where the macro is used.
`define PULL_IN(f) `include f
module include_via_macro (
  input  wire [11:0] a,
  output wire [11:0] y
);
  `PULL_IN("inc/widths.vh")
  assign y = a ^ LANE_BITS[11:0];
endmodule
