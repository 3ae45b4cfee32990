// Signals used only where the model elaborates no logic (an initial block, a task, an event
// control, a method call on a class handle, $display) are still read, or driven, there.
class tally_cls;
  int total;
  function void bump(int by);
    total += by;
  endfunction
endclass

module tally_dut (input logic clk, input logic rst, output logic [3:0] q);
  always_ff @(posedge clk)
    if (rst) q <= 4'd0;
    else q <= q + 4'd1;
endmodule

module reads_outside_logic;
  logic clk = 1'b0;
  logic rst;
  logic [3:0] q;
  int seen;
  logic [3:0] watched;
  tally_cls tally;

  tally_dut dut (.clk(clk), .rst(rst), .q(q));

  always #5 clk = ~clk;

  task automatic report_q();
    $display("q=%0d seen=%0d", q, seen);
  endtask

  initial begin
    tally = new;
    rst = 1'b1;
    repeat (2) @(posedge clk);
    rst = 1'b0;
    seen = 0;
    @(watched);
    tally.bump(1);
    report_q();
  end

  assign watched = q;
endmodule
