// Included through a macro by include_via_macro.sv.
localparam integer LANE_BITS = 12;
