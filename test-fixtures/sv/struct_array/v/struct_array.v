// Verilog-2005 twin of struct_array.sv: the struct becomes a 25-bit word, members become part-selects.
module struct_array #(parameter N = 4) (
  input              clk,
  input              rst_n,
  input              we,
  input  [1:0]       waddr,
  input  [7:0]       wkey,
  input  [15:0]      wval,
  input  [1:0]       raddr,
  output [15:0]      rval,
  output             rvalid
);
  reg [24:0] table_q [0:N-1];
  integer i;
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      for (i = 0; i < N; i = i + 1) table_q[i][24] <= 1'b0;
    end else if (we) begin
      table_q[waddr][24]    <= 1'b1;
      table_q[waddr][23:16] <= wkey;
      table_q[waddr][15:0]  <= wval + {8'd0, wkey};
    end
  end
  assign rval   = table_q[raddr][15:0];
  assign rvalid = table_q[raddr][24] && (table_q[raddr][23:16] != 8'd0);
endmodule
