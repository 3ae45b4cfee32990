// An interconnect net joining two instances (IEEE 1800 6.6.8).
module interconnect_src (output wire o);
  assign o = 1'b1;
endmodule

module interconnect_dst (input wire i);
endmodule

module interconnect_top ();
  interconnect link;
  interconnect_dst d (link);
  interconnect_src s (link);
endmodule
