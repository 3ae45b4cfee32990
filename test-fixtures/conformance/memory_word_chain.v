// A chain through the words of a memory in combinational logic (a reduction tree): word l is
// computed from word l-1, so there is no loop, though the memory is tracked as one unit.
module memory_word_chain #(parameter N = 4) (
  input  wire [7:0] seed,
  output wire [7:0] last
);
  wire [7:0] level [0:N-1];
  assign level[0] = seed;
  genvar l;
  generate
    for (l = 1; l < N; l = l + 1) begin : chain
      assign level[l] = level[l-1] ^ {level[l-1][6:0], 1'b1};
    end
  endgenerate
  assign last = level[N-1];
endmodule
