// IEEE 1800 22.7: a time unit or precision is 1, 10 or 100 of a unit, and the precision is no
// coarser than the unit. Both lines are errors.
`timescale 5 ns / 1 ps
`timescale 1 ns / 10 ns
module timescale_values;
endmodule
