// always_comb/ff/latch, unique/priority, inside, case inside, for (int ..), ++, +=, foreach, return, generate without `generate`.
module stmt_demo #(parameter int N = 4) (
  input  logic             clk,
  input  logic             en,
  input  logic [N-1:0][7:0] v,
  input  logic [7:0]       k,
  output logic [9:0]       sum,
  output logic [7:0]       lat,
  output logic [2:0]       cls,
  output logic [N-1:0]     big
);
  function automatic logic [2:0] classify(input logic [7:0] x);
    unique case (x) inside
      [8'd0:8'd9]:   return 3'd0;
      [8'd10:8'd99]: return 3'd1;
      default:       return 3'd2;
    endcase
  endfunction
  always_comb begin
    sum = '0;
    for (int i = 0; i < N; i++) sum += 10'(v[i]);
  end
  always_latch if (en) lat <= k;
  always_ff @(posedge clk) begin
    priority if (k inside {8'd1, 8'd2}) cls <= 3'd7;
    else cls <= classify(k);
  end
  for (genvar g = 0; g < N; g++) begin : g_cmp
    assign big[g] = v[g] > k;
  end
endmodule
