// A flat gate-level netlist as ABC and Yosys write them: ports named by escaped identifiers
// in a non-ANSI port list (the style of the EPFL benchmark netlists).
module half_adder_netlist ( \a[0] , \a[1] , \s[0] , \s[1] );
  input  \a[0] , \a[1] ;
  output \s[0] , \s[1] ;
  wire n1, n2;
  assign n1 = \a[0]  & ~\a[1] ;
  assign n2 = ~\a[0]  & \a[1] ;
  assign \s[0]  = n1 | n2;
  assign \s[1]  = \a[0]  & \a[1] ;
endmodule
