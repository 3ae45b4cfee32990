// A register slice parameterised by a type, instantiated with a vector and a packed struct.
module reg_slice #(parameter type T = logic [7:0]) (
  input  logic clk,
  input  logic en,
  input  T     d,
  output T     q
);
  always_ff @(posedge clk) if (en) q <= d;
endmodule

module param_type_top (
  input  logic        clk,
  input  logic        en,
  input  logic [11:0] a,
  input  logic [3:0]  tag,
  input  logic [19:0] w,
  output logic [11:0] qa,
  output logic [3:0]  qtag,
  output logic [19:0] qw
);
  typedef struct packed {
    logic [3:0]  tag;
    logic [19:0] word;
  } tagged_t;
  tagged_t d, q;
  assign d = '{tag: tag, word: w};
  reg_slice #(.T(logic [11:0])) u_a (.clk(clk), .en(en), .d(a), .q(qa));
  reg_slice #(.T(tagged_t)) u_t (.clk(clk), .en(en), .d(d), .q(q));
  assign qtag = q.tag;
  assign qw = q.word;
  localparam int WB = $bits(tagged_t);
  if (WB != 24) begin : g_bad
    initial $error("tagged_t is %0d bits", WB);
  end
endmodule
