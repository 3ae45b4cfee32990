// A constant function that leaves through `return`, used for a localparam (IEEE 1800 13.4.3).
module const_function_return (
  input  logic [7:0] d,
  output logic [7:0] q
);
  function automatic int words_for(int bits);
    if (bits <= 0) return 1;
    return (bits + 31) / 32;
  endfunction

  localparam int Words = words_for(40);

  assign q = d + Words[7:0];
endmodule
