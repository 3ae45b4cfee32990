// Verilog-2005 twin of mac_lanes.sv, lowered by hand (written for ppa-lens tests).
module mac_lanes (
  input              clk,
  input              rst_n,
  input              in_valid,
  input      [67:0]  in_beat,
  output reg [71:0]  acc_q,
  output             busy
);
  localparam S_IDLE = 2'd0, S_RUN = 2'd1, S_DRAIN = 2'd3;
  reg [1:0] state;
  integer i;
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= S_IDLE;
      acc_q <= 72'd0;
    end else begin
      case (state)
        S_IDLE:  if (in_valid) state <= S_RUN;
        S_RUN:   if (in_valid && in_beat[16]) state <= S_DRAIN;
        default: state <= S_IDLE;
      endcase
      if (in_valid)
        for (i = 0; i < 4; i = i + 1)
          acc_q[i*18 +: 18] <= $signed(acc_q[i*18 +: 18]) + $signed(in_beat[i*17+8 +: 8]) * $signed(in_beat[i*17 +: 8]);
    end
  end
  assign busy = state != S_IDLE;
endmodule
