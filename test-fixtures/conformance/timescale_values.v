// Time units of every allowed magnitude; `1.0ns` is read as 1 ns (some tools take it).
`timescale 100 ps / 100 fs
`timescale 10us/100ns
`timescale 1.0ns / 1ps
module timescale_ok (input wire a, output wire y);
  assign y = a;
endmodule
