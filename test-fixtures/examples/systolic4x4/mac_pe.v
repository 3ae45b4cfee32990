// One processing element of an output-stationary systolic array: an int8 x int8 multiply
// accumulated into a 32-bit register. Activations move right, weights move down, one cycle per PE.
module mac_pe #(
  parameter DATA_W = 8,
  parameter ACC_W  = 32
) (
  input  wire                     clk,
  input  wire                     rst_n,
  input  wire                     clear,     // start a new output tile
  input  wire                     valid_in,
  input  wire signed [DATA_W-1:0] a_in,      // activation from the left
  input  wire signed [DATA_W-1:0] b_in,      // weight from above
  output reg                      valid_out,
  output reg  signed [DATA_W-1:0] a_out,
  output reg  signed [DATA_W-1:0] b_out,
  output reg  signed [ACC_W-1:0]  acc
);
  wire signed [2*DATA_W-1:0] product = a_in * b_in;

  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      valid_out <= 1'b0;
      a_out     <= {DATA_W{1'b0}};
      b_out     <= {DATA_W{1'b0}};
      acc       <= {ACC_W{1'b0}};
    end else begin
      valid_out <= valid_in;
      a_out     <= a_in;
      b_out     <= b_in;
      if (clear)
        acc <= {ACC_W{1'b0}};
      else if (valid_in)
        acc <= acc + {{(ACC_W-2*DATA_W){product[2*DATA_W-1]}}, product};
    end
  end
endmodule
