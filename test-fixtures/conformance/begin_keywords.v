// Inside `begin_keywords "1364-2005", SystemVerilog-only words are plain names (IEEE 1800 22.14).
`begin_keywords "1364-2005"
module begin_keywords (
  input  wire bit,
  input  wire logic,
  output wire int
);
  assign int = bit & logic;
endmodule
`end_keywords
