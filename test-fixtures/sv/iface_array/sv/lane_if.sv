// One lane of a multi-lane datapath: valid and data, with modports (written for ppa-lens tests).
interface lane_if #(parameter int W = 8);
  logic         valid;
  logic [W-1:0] data;
  modport src (output valid, output data);
  modport dst (input valid, input data);
endinterface
