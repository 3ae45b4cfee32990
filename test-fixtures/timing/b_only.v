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
