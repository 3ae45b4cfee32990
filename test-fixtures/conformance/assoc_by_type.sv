// Associative arrays indexed by a type (IEEE 1800 7.8): `[T]` names a type, not an array size.
module assoc_by_type (input wire [3:0] k, output wire [3:0] y);
  typedef struct packed { logic [3:0] tag; } key_t;
  class entry;
    int hits;
  endclass

  int seen_by_key [key_t];
  int seen_by_entry [entry];
  localparam int Depth = 4;
  logic [3:0] ring [Depth];

  assign ring[0] = k;
  assign y = ring[0];
endmodule
