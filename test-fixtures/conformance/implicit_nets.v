// Implicit nets (IEEE 1800 6.10): an undeclared continuous-assignment target and an undeclared
// name connected to an input port are 1-bit wires, reported as warnings, never as errors.
module implicit_nets_leaf (input wire a, output wire y);
  assign y = ~a;
endmodule

module implicit_nets (input wire p, input wire q, output wire z);
  assign both = p & q;
  implicit_nets_leaf u_leaf (.a(both), .y(z));
  implicit_nets_leaf u_float (.a(floating), .y());
endmodule
