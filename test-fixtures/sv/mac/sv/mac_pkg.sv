// Package with types shared by the MAC lanes (written for ppa-lens tests).
package mac_pkg;
  localparam int LANES = 4;
  localparam int EW = 8;
  typedef logic signed [EW-1:0] elem_t;
  typedef logic signed [2*EW+1:0] acc_t;
  typedef enum logic [1:0] {S_IDLE, S_RUN, S_DRAIN = 2'd3} state_t;
  typedef struct packed {
    logic  last;
    elem_t a;
    elem_t b;
  } beat_t;
  function automatic acc_t mac(acc_t acc, elem_t a, elem_t b);
    return acc + a * b;
  endfunction
endpackage
