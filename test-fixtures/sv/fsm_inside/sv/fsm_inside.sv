// An enum state machine with case inside, inside, priority if, compound assignments and i++.
module fsm_inside (
  input  logic       clk,
  input  logic       rst_n,
  input  logic [7:0] code,
  input  logic       go,
  output logic [7:0] count,
  output logic       hit
);
  typedef enum logic [2:0] {IDLE, LOAD, RUN, WAIT, DONE} state_t;
  state_t state, next;
  always_comb begin
    next = state;
    priority if (!go) next = IDLE;
    else begin
      case (state) inside
        IDLE:        next = LOAD;
        LOAD, RUN:   next = (code inside {[8'd16:8'd31], 8'd64}) ? WAIT : RUN;
        WAIT:        next = DONE;
        default:     next = IDLE;
      endcase
    end
  end
  logic [7:0] count_d;
  always_comb begin
    count_d = count;
    if (state == RUN) count_d += 8'd3;
    else if (state == DONE) count_d++;
  end
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= IDLE;
      count <= '0;
    end else begin
      state <= next;
      count <= count_d;
    end
  end
  assign hit = state inside {WAIT, DONE};
endmodule
