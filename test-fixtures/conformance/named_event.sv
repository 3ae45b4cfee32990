// A block timed by a named event (IEEE 1800 15.5, 9.4.2) runs when the event is triggered: a
// counter it increments is no combinational loop, and the event, read by the event control and
// triggered by `->`, is neither "never read" nor "never driven".
module named_event_counter;
  event tick;
  int unsigned hits = 0;

  initial begin
    #3 -> tick;
    #3 -> tick;
    #1 $display("hits %0d", hits);
  end

  always @(tick) hits++;
endmodule
