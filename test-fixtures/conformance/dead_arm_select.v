// A field that is present only when a parameter enables it: the arm of the constant condition that
// is not taken selects past the end of the packed word, which is no mistake (nothing reads it).
module dead_arm_select #(
    parameter TAG_ENABLE = 0,
    parameter TAG_WIDTH = 4
) (
    input  wire [7:0] word_in,
    output wire [TAG_WIDTH-1:0] tag_out,
    output wire [7:0] data_out
);
  localparam TAG_OFFSET = 8;
  localparam PACKED_WIDTH = TAG_OFFSET + (TAG_ENABLE ? TAG_WIDTH : 0);

  wire [PACKED_WIDTH-1:0] packed_word;
  assign packed_word[7:0] = word_in;

  assign data_out = packed_word[7:0];
  assign tag_out = TAG_ENABLE ? packed_word[TAG_OFFSET +: TAG_WIDTH] : {TAG_WIDTH{1'b0}};
endmodule
