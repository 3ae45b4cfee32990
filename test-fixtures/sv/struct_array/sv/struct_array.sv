// A small register file of packed structs: an unpacked array of structs, foreach reset, member writes.
module struct_array #(parameter int N = 4) (
  input  logic                 clk,
  input  logic                 rst_n,
  input  logic                 we,
  input  logic [$clog2(N)-1:0] waddr,
  input  logic [7:0]           wkey,
  input  logic [15:0]          wval,
  input  logic [$clog2(N)-1:0] raddr,
  output logic [15:0]          rval,
  output logic                 rvalid
);
  typedef struct packed {
    logic        valid;
    logic [7:0]  key;
    logic [15:0] val;
  } entry_t;
  entry_t table_q [N];
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      foreach (table_q[i]) table_q[i].valid <= 1'b0;
    end else if (we) begin
      table_q[waddr].valid <= 1'b1;
      table_q[waddr].key   <= wkey;
      table_q[waddr].val   <= wval + {8'd0, wkey};
    end
  end
  assign rval   = table_q[raddr].val;
  assign rvalid = table_q[raddr].valid && (table_q[raddr].key != 8'd0);
endmodule
