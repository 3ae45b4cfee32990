// A multiply-accumulate processing element: the leaf of the feature fixtures.
module mac_pe #(
  parameter DW  = 8,
  parameter ACC = 2 * DW + 4
) (
  input  wire                  clk,
  input  wire                  rst_n,
  input  wire [DW-1:0]         a_in,
  input  wire [DW-1:0]         b_in,
  output reg  [DW-1:0]         a_out,
  output reg  signed [ACC-1:0] acc
);
  localparam HALF = DW / 2;
  wire [2*DW-1:0] prod = a_in * b_in;

  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      acc   <= {ACC{1'b0}};
      a_out <= {DW{1'b0}};
    end else begin
      acc   <= acc + prod;
      a_out <= a_in;
    end
  end
endmodule
