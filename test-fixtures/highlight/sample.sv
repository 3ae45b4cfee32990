// Highlighting fixture for SystemVerilog: its additions over Verilog.
package mac_pkg;
  typedef enum logic [1:0] {IDLE, RUN, DONE} state_t;
  typedef struct packed {
    logic [7:0] data;
    logic       valid;
  } beat_t;
endpackage : mac_pkg

interface stream_if #(parameter int W = 8) (input logic clk);
  logic [W-1:0] data;
  modport source (output data);
endinterface

module mac_ctrl import mac_pkg::*; (
  input  logic   clk,
  input  logic   rst_n,
  stream_if.source out
);
  state_t state;
  int unsigned count;
  logic [15:0] acc = '0;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) state <= IDLE;
    else unique case (state)
      IDLE: state <= RUN;
      RUN:  if (count inside {[0:7]}) count++;
      default: state <= mac_pkg::DONE;
    endcase
  end

  always_comb acc += 16'(count) << 2;

  assert property (@(posedge clk) state == RUN |-> ##1 count != 0);

  function automatic logic [3:0] clog2(int v);
    return v <= 1 ? 0 : $clog2(v);
  endfunction
endmodule

class scoreboard extends base_sb;
  rand bit [7:0] seed;
  virtual stream_if vif;
  function new();
    super.new();
    this.seed = null == null ? 'x : '1;
  endfunction
endclass
