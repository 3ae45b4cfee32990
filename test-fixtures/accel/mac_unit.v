// One registered signed int8 multiply-accumulate with clear and enable.
`default_nettype none

module mac_unit #(
    parameter W   = 8,
    parameter ACC = 20
) (
    input  wire                  clk,
    input  wire                  rst_n,
    input  wire                  clr,
    input  wire                  en,
    input  wire signed [W-1:0]   a,
    input  wire signed [W-1:0]   b,
    output reg  signed [ACC-1:0] acc
);
    always @(posedge clk) begin
        if (!rst_n)    acc <= {ACC{1'b0}};
        else if (clr)  acc <= {ACC{1'b0}};
        else if (en)   acc <= acc + a * b;
    end
endmodule

`default_nettype wire
