// An interface with a parameter and modports; ports with and without modports; positional and named connections.
interface req_if #(parameter int W = 4) (input logic clk);
  logic         req;
  logic [W-1:0] payload;
  modport m (output req, output payload);
  modport s (input req, input payload);
endinterface

module req_src (req_if.m port, input logic [3:0] v);
  assign port.req = |v;
  assign port.payload = v;
endmodule

module req_sink (req_if port, output logic [3:0] got);
  always_ff @(posedge port.clk) if (port.req) got <= port.payload;
endmodule

module req_top (input logic clk, input logic [3:0] v, output logic [3:0] got);
  req_if #(.W(4)) bus (.clk(clk));
  req_src u_src (bus, v);
  req_sink u_sink (.port(bus), .got(got));
endmodule
