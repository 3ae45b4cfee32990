module leaf #(parameter W = 4) (
  input  wire         clk,
  input  wire [W-1:0] d,
  output wire [W-1:0] q
);
  assign q = d;
endmodule

module fill_ports (
  input  wire       clk,
  input  wire [7:0] d,
  output wire [7:0] q
);
  leaf #(.W(8)) u_leaf (
    .clk(clk),
    .d   (d), // input [7:0]
    .q   (q) // output [7:0]
  );
endmodule
