// An `edge` event control (IEEE 1800 9.4.2): a toggle on both edges is no combinational loop.
module edge_event (input wire strobe, output reg [1:0] count);
  initial count = 2'd0;
  always @(edge strobe) count = count + 2'd1;
endmodule
