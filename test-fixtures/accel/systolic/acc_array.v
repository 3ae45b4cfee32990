// ROWS x COLS output-stationary systolic array of acc_pe. Row i's operand enters on the west
// edge, column j's on the north edge; every PE's accumulator is an output.
`default_nettype none

module acc_array #(
    parameter ROWS = 4,
    parameter COLS = 4,
    parameter DW   = 8,
    parameter ACC  = 24
) (
    input  wire                     clk,
    input  wire                     rst_n,
    input  wire                     clr,
    input  wire [ROWS*DW-1:0]       west,
    input  wire [COLS*DW-1:0]       north,
    output wire [ROWS*COLS*ACC-1:0] result
);
    // a_h[i][j]: west input of PE(i,j); column COLS is the dangling east edge
    /* verilator lint_off UNUSEDSIGNAL */
    wire [ROWS*(COLS+1)*DW-1:0] a_h;
    wire [(ROWS+1)*COLS*DW-1:0] b_v;
    /* verilator lint_on UNUSEDSIGNAL */

    genvar i, j;
    generate
        for (i = 0; i < ROWS; i = i + 1) begin : g_west
            assign a_h[(i*(COLS+1))*DW +: DW] = west[i*DW +: DW];
        end
        for (j = 0; j < COLS; j = j + 1) begin : g_north
            assign b_v[j*DW +: DW] = north[j*DW +: DW];
        end
        for (i = 0; i < ROWS; i = i + 1) begin : g_row
            for (j = 0; j < COLS; j = j + 1) begin : g_col
                acc_pe #(
                    .DW  (DW),
                    .ACC (ACC)
                ) u_pe (
                    .clk   (clk),
                    .rst_n (rst_n),
                    .clr   (clr),
                    .a_in  (a_h[(i*(COLS+1)+j)*DW +: DW]),
                    .b_in  (b_v[(i*COLS+j)*DW +: DW]),
                    .a_out (a_h[(i*(COLS+1)+j+1)*DW +: DW]),
                    .b_out (b_v[((i+1)*COLS+j)*DW +: DW]),
                    .acc   (result[(i*COLS+j)*ACC +: ACC])
                );
            end
        end
    endgenerate
endmodule

`default_nettype wire
