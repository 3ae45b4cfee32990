// A trailing comma after the last port declaration: not IEEE Verilog, but Yosys and Verilator
// accept it (formal benches use it). A warning, not an error.
module trailing_port_comma (
  input  wire clk,
  input  wire d,
  output reg  q,
);
  always @(posedge clk) q <= d;
endmodule
