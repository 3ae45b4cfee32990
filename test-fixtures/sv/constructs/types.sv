// Typedefs, enums, packed structs and unions, atom types, casts, $bits/$size and fill literals.
module types_demo (
  input  logic        clk,
  input  logic [15:0] raw,
  output logic [31:0] o_int,
  output logic [7:0]  o_byte,
  output logic [15:0] o_union,
  output logic        o_flag
);
  typedef logic [3:0][3:0] nib4_t;
  typedef enum logic [1:0] {A = 2'd1, B, C} abc_t;
  typedef struct packed { abc_t kind; logic [5:0] len; nib4_t body; } hdr_t;
  typedef union packed { logic [15:0] word; logic [1:0][7:0] bytes; } w16_t;
  hdr_t  h;
  w16_t  u;
  int    acc;
  byte   b;
  shortint si;
  assign h = '{kind: B, len: 6'(raw[5:0]), body: raw};
  assign u.word = raw;
  assign b = u.bytes[1];
  assign si = signed'(raw);
  always_ff @(posedge clk) acc <= acc + int'(h.body[2]) + $bits(hdr_t) + $size(h.body);
  assign o_int = acc;
  assign o_byte = b;
  assign o_union = {u.bytes[0], u.bytes[1]} ^ si;
  assign o_flag = h.kind == C || &'1;
endmodule
