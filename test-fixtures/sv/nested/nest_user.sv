// Members of members: a.b.c through a package typedef and an inline struct member.
module nest_user import nest_pkg::*; (
  input  logic        clk,
  input  pkt_t        in,
  output logic [11:0] addr_q,
  output logic        last_q,
  output logic [1:0]  kind_q
);
  pkt_t r;
  always_ff @(posedge clk) begin
    r      <= in;
    addr_q <= r.hdr.addr;
    last_q <= r.ctl.last;
    kind_q <= in.ctl.kind;
  end
endmodule
