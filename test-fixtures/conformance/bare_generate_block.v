// A generate region holding one bare named block (Verilog-2001 style), with a nested
// generate-if inside: Yosys, Verilator and Icarus accept it.
module bare_generate_block #(parameter W = 4) (
  input  wire [W-1:0] a,
  output wire [W-1:0] y
);
  generate begin : CHOOSE
    if (W > 2) begin : WIDE
      assign y = a;
    end else begin : NARROW // one bit or two
      assign y = ~a;
    end
  end endgenerate
endmodule
