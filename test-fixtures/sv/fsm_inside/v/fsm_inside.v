// Verilog-2005 twin of fsm_inside.sv.
module fsm_inside (
  input            clk,
  input            rst_n,
  input      [7:0] code,
  input            go,
  output reg [7:0] count,
  output           hit
);
  localparam IDLE = 3'd0, LOAD = 3'd1, RUN = 3'd2, WAIT = 3'd3, DONE = 3'd4;
  reg [2:0] state, next;
  always @(*) begin
    next = state;
    if (!go) next = IDLE;
    else begin
      case (state)
        IDLE:        next = LOAD;
        LOAD, RUN:   next = ((code >= 8'd16 && code <= 8'd31) || code == 8'd64) ? WAIT : RUN;
        WAIT:        next = DONE;
        default:     next = IDLE;
      endcase
    end
  end
  reg [7:0] count_d;
  always @(*) begin
    count_d = count;
    if (state == RUN) count_d = count_d + 8'd3;
    else if (state == DONE) count_d = count_d + 1'b1;
  end
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= IDLE;
      count <= 8'd0;
    end else begin
      state <= next;
      count <= count_d;
    end
  end
  assign hit = state == WAIT || state == DONE;
endmodule
