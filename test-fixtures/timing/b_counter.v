// The counter of two_clocks.v and b_only.v, clocked through its port `clk`.
module b_counter (
    input  wire       clk,
    input  wire       rst_n,
    input  wire       en,
    output reg  [7:0] q
);
    always @(posedge clk or negedge rst_n)
        if (!rst_n) q <= 8'd0;
        else if (en) q <= q + 8'd1;
endmodule
