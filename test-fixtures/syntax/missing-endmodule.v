module first (input wire a, output wire y);
  assign y = a;

module second (input wire b, output wire z);
  assign z = b;
endmodule
