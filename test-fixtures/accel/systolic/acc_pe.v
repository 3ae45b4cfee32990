// Weight-free output-stationary PE: multiplies the west and north int8 operands and accumulates
// into a 24-bit register; the operands move on east and south one register stage per cycle.
`default_nettype none

module acc_pe #(
    parameter DW  = 8,
    parameter ACC = 24
) (
    input  wire                  clk,
    input  wire                  rst_n,
    input  wire                  clr,
    input  wire signed [DW-1:0]  a_in,
    input  wire signed [DW-1:0]  b_in,
    output reg  signed [DW-1:0]  a_out,
    output reg  signed [DW-1:0]  b_out,
    output reg  signed [ACC-1:0] acc
);
    always @(posedge clk) begin
        if (!rst_n || clr) acc <= {ACC{1'b0}};
        else               acc <= acc + a_in * b_in;
        a_out <= a_in;
        b_out <= b_in;
    end
endmodule

`default_nettype wire
