// Nested struct types for member navigation tests (written for ppa-lens tests).
package nest_pkg;
  typedef struct packed {
    logic [3:0]  tag;
    logic [11:0] addr;
  } hdr_t;
  typedef struct packed {
    hdr_t        hdr;
    logic [15:0] data;
    struct packed {
      logic       last;
      logic [1:0] kind;
    } ctl;
  } pkt_t;
endpackage
