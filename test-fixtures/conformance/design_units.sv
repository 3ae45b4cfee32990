// Instances of an interface and a program declared in the same file: not unknown modules.
interface lane_if;
  logic valid;
  logic [7:0] data;
endinterface

program lane_check (input wire go);
  initial if (go) $display("go");
endprogram

module design_units (input wire go);
  lane_if    lane ();
  lane_check chk (go);
endmodule
