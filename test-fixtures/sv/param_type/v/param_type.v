// Verilog-2005 twin of param_type.sv: the type parameter becomes a width parameter.
module reg_slice #(parameter W = 8) (
  input              clk,
  input              en,
  input      [W-1:0] d,
  output reg [W-1:0] q
);
  always @(posedge clk) if (en) q <= d;
endmodule

module param_type_top (
  input         clk,
  input         en,
  input  [11:0] a,
  input  [3:0]  tag,
  input  [19:0] w,
  output [11:0] qa,
  output [3:0]  qtag,
  output [19:0] qw
);
  wire [23:0] d = {tag, w};
  wire [23:0] q;
  reg_slice #(.W(12)) u_a (.clk(clk), .en(en), .d(a), .q(qa));
  reg_slice #(.W(24)) u_t (.clk(clk), .en(en), .d(d), .q(q));
  assign qtag = q[23:20];
  assign qw = q[19:0];
endmodule
