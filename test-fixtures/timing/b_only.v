// two_clocks.v's clk_b domain alone: the same synchroniser and counter with nothing in clk_a.
module b_only (
    input  wire       clk_b,
    input  wire       rst_n,
    input  wire       flag_a,
    output wire [7:0] count,
    output wire       seen_b
);
    reg s1, s2;
    always @(posedge clk_b) begin
        s1 <= flag_a;
        s2 <= s1;
    end
    assign seen_b = s2;
    b_counter u_cnt (.clk(clk_b), .rst_n(rst_n), .en(s2), .q(count));
endmodule

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
