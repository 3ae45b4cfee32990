// Two clock domains: a slow multiply in clk_a, a short counter in clk_b, a two-flop synchroniser
// from a to b, a child clocked through a port tied to clk_b, and a child with two clock ports
// both tied to clk_a (its internal "crossing" is one domain at this level).
module two_clocks (
    input  wire        clk_a,
    input  wire        clk_b,
    input  wire        rst_n,
    input  wire [15:0] x,
    input  wire [15:0] y,
    output reg  [31:0] prod,
    output wire [7:0]  count,
    output wire        seen_b,
    output wire [15:0] piped
);
    reg [15:0] xa, ya;
    reg        flag_a;
    always @(posedge clk_a) begin
        xa <= x;
        ya <= y;
        prod <= xa * ya;
        flag_a <= prod[31];
    end

    reg s1, s2;
    always @(posedge clk_b) begin
        s1 <= flag_a;
        s2 <= s1;
    end
    assign seen_b = s2;

    b_counter u_cnt (.clk(clk_b), .rst_n(rst_n), .en(s2), .q(count));
    two_port_pipe u_pipe (.ck_in(clk_a), .ck_out(clk_a), .d(x), .q(piped));
endmodule

module two_port_pipe (
    input  wire        ck_in,
    input  wire        ck_out,
    input  wire [15:0] d,
    output reg  [15:0] q
);
    reg [15:0] r;
    always @(posedge ck_in) r <= d;
    always @(posedge ck_out) q <= r + 16'd3;
endmodule
