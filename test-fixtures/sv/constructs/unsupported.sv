// Constructs skipped for estimation: an information note or hint each, never an error.
module skip_demo (input logic clk, input logic a, output logic q);
  always_ff @(posedge clk) q <= a;
  assert property (@(posedge clk) a |-> q);
  cover property (@(posedge clk) a);
  always_comb assert (q == q);
  final $display("done");
endmodule
