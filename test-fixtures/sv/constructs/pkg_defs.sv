// Package declarations used by the other construct files (written for ppa-lens tests).
package cfg_pkg;
  parameter int DEPTH = 8;
  localparam int AW = $clog2(DEPTH);
  typedef logic [AW-1:0] addr_t;
  typedef enum {RD, WR, NOP = 5} op_t;
  function automatic logic [7:0] swap(input logic [7:0] x);
    return {x[3:0], x[7:4]};
  endfunction
endpackage

package more_pkg;
  import cfg_pkg::*;
  localparam addr_t LAST = addr_t'(DEPTH - 1);
endpackage
