// An array of MAC lanes: package types, an enum state, a packed struct beat, a function returning a typedef.
module mac_lanes
  import mac_pkg::*;
(
  input  logic                 clk,
  input  logic                 rst_n,
  input  logic                 in_valid,
  input  beat_t [LANES-1:0]    in_beat,
  output acc_t  [LANES-1:0]    acc_q,
  output logic                 busy
);
  state_t state;
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= S_IDLE;
      acc_q <= '0;
    end else begin
      unique case (state)
        S_IDLE:  if (in_valid) state <= S_RUN;
        S_RUN:   if (in_valid && in_beat[0].last) state <= S_DRAIN;
        default: state <= S_IDLE;
      endcase
      if (in_valid)
        for (int i = 0; i < LANES; i++) acc_q[i] <= mac(acc_q[i], in_beat[i].a, in_beat[i].b);
    end
  end
  assign busy = state != S_IDLE;
endmodule
