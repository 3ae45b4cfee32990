// What the fixes for event-timed blocks and reads outside logic must not hide: an always block
// sensitive to a signal (not a named event) that feeds its own output back is a combinational
// loop; a variable only written by an initial block is never read.
module still_reported (input logic [3:0] step, output logic [3:0] acc);
  event idle_ev;
  logic [3:0] only_written;

  always @(step) acc = acc + step;

  initial only_written = 4'd0;
endmodule
