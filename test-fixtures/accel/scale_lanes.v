// Multipliers without accumulation: LANES unsigned 8x8 products scaled by a per-lane gain,
// registered, then rounded (a 1-bit increment, half to even) and truncated. Nothing is summed.
`default_nettype none

module scale_lanes #(
    parameter LANES = 4
) (
    input  wire               clk,
    input  wire [LANES*8-1:0] x,
    input  wire [LANES*8-1:0] gain,
    output wire [LANES*8-1:0] y
);
    genvar l;
    generate
        for (l = 0; l < LANES; l = l + 1) begin : g_lane
            reg  [15:0] p_q;
            reg  [7:0]  y_q;
            always @(posedge clk) begin
                p_q <= x[l*8 +: 8] * gain[l*8 +: 8];
                // round half to even on the dropped byte
                y_q <= p_q[15:8] + {7'd0, p_q[7] & ((|p_q[6:0]) | p_q[8])};
            end
            assign y[l*8 +: 8] = y_q;
        end
    endgenerate
endmodule

`default_nettype wire
