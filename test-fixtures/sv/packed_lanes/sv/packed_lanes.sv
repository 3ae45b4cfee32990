// Multi-dimensional packed arrays, element selects, casts, $bits/$size and fill literals.
module packed_lanes #(parameter int L = 4, parameter int W = 8) (
  input  logic                 clk,
  input  logic [L-1:0][W-1:0]  a,
  input  logic [L-1:0][W-1:0]  b,
  input  logic [$clog2(L)-1:0] sel,
  output logic [W+1:0]         sum_q,
  output logic [W-1:0]         pick_q,
  output logic [L-1:0][W-1:0]  max_q
);
  localparam int LW = $bits(a) / $size(a);
  logic [L-1:0][W-1:0] mx;
  always_comb begin
    mx = '0;
    foreach (mx[i]) mx[i] = (a[i] > b[i]) ? a[i] : b[i];
  end
  logic [W+1:0] s;
  always_comb begin
    s = '0;
    for (int i = 0; i < L; i++) s += (W+2)'(a[i]);
  end
  always_ff @(posedge clk) begin
    sum_q  <= s;
    pick_q <= a[sel] ^ LW'(signed'(b[0]) >>> 1);
    max_q  <= mx;
  end
endmodule
