#!/usr/bin/env node
/**
 * Deterministic generator of a realistic Verilog-2005 accelerator design of a chosen size, for the
 * benchmark: groups of MAC lanes, FIFOs, FSM controllers, pipelined ALUs and adder trees, each group
 * wired into a tile, and one top that instantiates every tile. Parameters, ANSI ports, assigns,
 * always blocks with if/case/for, instances and generate loops all appear, and the output parses
 * with zero syntax errors (ppa-lens check), Verilator and Icarus accept it.
 *
 *   node scripts/bench/gen-design.mjs --lines 50000 [--seed 1] [--out file.v]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** mulberry32: tiny, seedable, identical on every platform. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

/**
 * A module's ANSI header, aligned as the generated modules are written: `module name #(params) (ports);`,
 * the parameter names padded to the longest, the ports in columns (direction, type, range, name).
 */
function head(name, params, ports) {
  const pw = Math.max(...params.map(([n]) => n.length));
  const rw = Math.max(...ports.map(([, , range]) => range.length));
  const ps = params.map(([n, v]) => `  parameter ${n.padEnd(pw)} = ${v}`).join(',\n');
  const qs = ports.map(([dir, type, range, n]) => `  ${dir.padEnd(6)} ${type.padEnd(4)} ${range.padEnd(rw)} ${n}`).join(',\n');
  return `module ${name} #(\n${ps}\n) (\n${qs}\n);`;
}

/** Input wires without a range, one port each (`input wire name`). */
const inputs = (...names) => names.map((n) => ['input', 'wire', '', n]);

function macLanes(k) {
  return `// Multiply-accumulate over LANES int products, one accumulator, saturation flag.
${head(`mac_lanes_g${k}`, [['DW', 8], ['AW', 24], ['LANES', 4]], [
  ...inputs('clk', 'rst_n', 'en', 'clr'),
  ['input', 'wire', '[LANES*DW-1:0]', 'x'],
  ['input', 'wire', '[LANES*DW-1:0]', 'w'],
  ['output', 'reg', '[AW-1:0]', 'acc'],
  ['output', 'wire', '', 'sat'],
])}
  wire [2*DW-1:0] prod [0:LANES-1];
  reg  [AW-1:0]   sum;
  integer j;

  genvar g;
  generate
    for (g = 0; g < LANES; g = g + 1) begin : g_mul
      assign prod[g] = x[g*DW +: DW] * w[g*DW +: DW];
    end
  endgenerate

  always @(*) begin
    sum = {AW{1'b0}};
    for (j = 0; j < LANES; j = j + 1)
      sum = sum + {{(AW-2*DW){1'b0}}, prod[j]};
  end

  always @(posedge clk or negedge rst_n) begin
    if (!rst_n)
      acc <= {AW{1'b0}};
    else if (clr)
      acc <= {AW{1'b0}};
    else if (en)
      acc <= acc + sum;
  end

  assign sat = &acc[AW-1:AW-4];
endmodule
`;
}

function fifo(k) {
  return `// Synchronous FIFO with an occupancy counter.
${head(`fifo_g${k}`, [['DW', 16], ['DEPTH_LOG2', 4]], [
  ...inputs('clk', 'rst_n', 'push', 'pop'),
  ['input', 'wire', '[DW-1:0]', 'din'],
  ['output', 'wire', '[DW-1:0]', 'dout'],
  ['output', 'wire', '', 'full'],
  ['output', 'wire', '', 'empty'],
  ['output', 'reg', '[DEPTH_LOG2:0]', 'count'],
])}
  localparam DEPTH = 1 << DEPTH_LOG2;

  reg [DW-1:0]         mem [0:DEPTH-1];
  reg [DEPTH_LOG2-1:0] wr_ptr;
  reg [DEPTH_LOG2-1:0] rd_ptr;
  wire                 do_push = push && !full;
  wire                 do_pop  = pop && !empty;

  assign full  = (count == DEPTH);
  assign empty = (count == 0);
  assign dout  = mem[rd_ptr];

  always @(posedge clk) begin
    if (do_push)
      mem[wr_ptr] <= din;
  end

  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      wr_ptr <= {DEPTH_LOG2{1'b0}};
      rd_ptr <= {DEPTH_LOG2{1'b0}};
      count  <= {(DEPTH_LOG2+1){1'b0}};
    end else begin
      if (do_push) wr_ptr <= wr_ptr + 1'b1;
      if (do_pop)  rd_ptr <= rd_ptr + 1'b1;
      case ({do_push, do_pop})
        2'b10:   count <= count + 1'b1;
        2'b01:   count <= count - 1'b1;
        default: count <= count;
      endcase
    end
  end
endmodule
`;
}

function ctrl(k, r) {
  const n = r.int(4, 8);
  const names = ['IDLE', ...Array.from({ length: n - 2 }, (_, i) => r.pick(['LOAD', 'FETCH', 'CALC', 'ACC', 'SHIFT', 'WAIT', 'STORE', 'SYNC']) + i), 'DONE'];
  const states = names.map((s, i) => `  localparam S_${s} = 3'd${i};`).join('\n');
  const arms = names
    .map((s, i) => {
      if (i === 0) return `      S_${s}: if (start) next = S_${names[1]};`;
      if (i === n - 1) return `      S_${s}: if (ack) next = S_IDLE;`;
      if (r.next() < 0.4) return `      S_${s}: if (cnt == len) next = S_${names[i + 1]};`;
      return `      S_${s}: next = S_${names[i + 1]};`;
    })
    .join('\n');
  return `// Tile controller: a ${n}-state FSM with a beat counter.
${head(`ctrl_g${k}`, [['CW', 8]], [
  ...inputs('clk', 'rst_n', 'start'),
  ['input', 'wire', '[CW-1:0]', 'len'],
  ...inputs('ack'),
  ['output', 'reg', '', 'busy'],
  ['output', 'reg', '', 'done'],
  ['output', 'reg', '[2:0]', 'phase'],
  ['output', 'reg', '[CW-1:0]', 'cnt'],
])}
${states}

  reg [2:0] state;
  reg [2:0] next;

  always @(*) begin
    next = state;
    case (state)
${arms}
      default: next = S_IDLE;
    endcase
  end

  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      state <= S_IDLE;
      busy  <= 1'b0;
      done  <= 1'b0;
      phase <= 3'd0;
      cnt   <= {CW{1'b0}};
    end else begin
      state <= next;
      busy  <= (next != S_IDLE);
      done  <= (state == S_DONE) && ack;
      phase <= next;
      if (state != next)
        cnt <= {CW{1'b0}};
      else
        cnt <= cnt + 1'b1;
    end
  end
endmodule
`;
}

const ALU_A = [
  (p) => `${p}_a + ${p}_b`,
  (p) => `${p}_a - ${p}_b`,
  (p) => `${p}_a ^ {${p}_b[DW-2:0], ${p}_b[DW-1]}`,
  (p) => `(${p}_a & ${p}_b) | (${p}_a >> 1)`,
  (p) => `${p}_a + {${p}_b[DW/2-1:0], ${p}_b[DW-1:DW/2]}`,
  (p) => `(${p}_a[0] ? ${p}_a : ${p}_b) + 1'b1`,
];

function aluPipe(k, r) {
  const stages = r.int(4, 12);
  const parts = [];
  for (let i = 1; i <= stages; i++) {
    const p = `s${i - 1}`;
    const ops = [0, 1, 2, 3].map(() => r.pick(ALU_A)(p));
    parts.push(`  // stage ${i}
  reg [DW-1:0] s${i}_a;
  reg [DW-1:0] s${i}_b;
  always @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      s${i}_a <= {DW{1'b0}};
      s${i}_b <= {DW{1'b0}};
    end else if (en) begin
      case (op)
        2'd0:    s${i}_a <= ${ops[0]};
        2'd1:    s${i}_a <= ${ops[1]};
        2'd2:    s${i}_a <= ${ops[2]};
        default: s${i}_a <= ${ops[3]};
      endcase
      s${i}_b <= ${p}_b + {{(DW-1){1'b0}}, ${p}_a[0]};
    end
  end
`);
  }
  return `// ${stages}-stage ALU pipeline; the operation is chosen per beat.
module alu_pipe_g${k} #(
  parameter DW = 16
) (
  input  wire          clk,
  input  wire          rst_n,
  input  wire          en,
  input  wire [1:0]    op,
  input  wire [DW-1:0] a,
  input  wire [DW-1:0] b,
  output wire [DW-1:0] y
);
  reg [DW-1:0] s0_a;
  reg [DW-1:0] s0_b;
  always @(posedge clk) begin
    if (en) begin
      s0_a <= a;
      s0_b <= b;
    end
  end

${parts.join('\n')}
  assign y = s${stages}_a ^ s${stages}_b;
endmodule
`;
}

function addTree(k) {
  return `// Registered 8-input adder tree built with generate loops.
module add_tree_g${k} #(
  parameter DW = 16
) (
  input  wire            clk,
  input  wire [8*DW-1:0] in_flat,
  output reg  [DW+2:0]   sum
);
  wire [DW+2:0] lvl0 [0:7];
  wire [DW+2:0] lvl1 [0:3];
  wire [DW+2:0] lvl2 [0:1];

  genvar i;
  generate
    for (i = 0; i < 8; i = i + 1) begin : g_l0
      assign lvl0[i] = {3'b000, in_flat[i*DW +: DW]};
    end
    for (i = 0; i < 4; i = i + 1) begin : g_l1
      assign lvl1[i] = lvl0[2*i] + lvl0[2*i+1];
    end
    for (i = 0; i < 2; i = i + 1) begin : g_l2
      assign lvl2[i] = lvl1[2*i] + lvl1[2*i+1];
    end
  endgenerate

  always @(posedge clk)
    sum <= lvl2[0] + lvl2[1];
endmodule
`;
}

function tile(k) {
  return `// Tile ${k}: controller, MAC lanes, FIFO, ALU pipeline and adder tree.
module tile_g${k} #(
  parameter DW = 8
) (
  input  wire          clk,
  input  wire          rst_n,
  input  wire          start,
  input  wire [4*DW-1:0] x,
  input  wire [4*DW-1:0] w,
  output wire [15:0]   result,
  output wire          done
);
  wire [23:0] acc;
  wire        sat;
  wire        busy;
  wire [2:0]  phase;
  wire [7:0]  cnt;
  wire [15:0] fifo_out;
  wire        full;
  wire        empty;
  wire [4:0]  fcount;
  wire [15:0] alu_y;
  wire [18:0] tsum;

  ctrl_g${k} #(.CW(8)) u_ctrl (
    .clk(clk), .rst_n(rst_n), .start(start), .len(x[7:0]), .ack(empty),
    .busy(busy), .done(done), .phase(phase), .cnt(cnt)
  );

  mac_lanes_g${k} #(.DW(DW), .AW(24), .LANES(4)) u_mac (
    .clk(clk), .rst_n(rst_n), .en(busy), .clr(start),
    .x(x), .w(w), .acc(acc), .sat(sat)
  );

  fifo_g${k} #(.DW(16), .DEPTH_LOG2(4)) u_fifo (
    .clk(clk), .rst_n(rst_n), .push(busy & ~sat), .pop(phase == 3'd2),
    .din(acc[15:0]), .dout(fifo_out), .full(full), .empty(empty), .count(fcount)
  );

  alu_pipe_g${k} #(.DW(16)) u_alu (
    .clk(clk), .rst_n(rst_n), .en(~full), .op(phase[1:0]),
    .a(fifo_out), .b(acc[23:8] ^ {8'd0, cnt}), .y(alu_y)
  );

  add_tree_g${k} #(.DW(16)) u_tree (
    .clk(clk), .in_flat({8{alu_y}}), .sum(tsum)
  );

  assign result = alu_y ^ tsum[15:0] ^ {11'd0, fcount};
endmodule
`;
}

function top(n) {
  const lines = [
    '// Top: every tile shares the inputs (each sees them rotated) and the results are XOR-reduced.',
    'module accel_top (',
    '  input  wire        clk,',
    '  input  wire        rst_n,',
    '  input  wire        start,',
    '  input  wire [31:0] x,',
    '  input  wire [31:0] w,',
    '  output wire [15:0] result,',
    '  output wire        done',
    ');',
    `  wire [15:0] r [0:${n - 1}];`,
    `  wire [${n - 1}:0] d;`,
    '',
  ];
  for (let k = 0; k < n; k++) {
    const rot = k % 32;
    const xr = rot === 0 ? 'x' : `{x[${31 - rot}:0], x[31:${32 - rot}]}`;
    lines.push(`  tile_g${k} #(.DW(8)) u_tile_${k} (`, `    .clk(clk), .rst_n(rst_n), .start(start), .x(${xr}), .w(w),`, `    .result(r[${k}]), .done(d[${k}])`, '  );');
  }
  lines.push('', '  reg [15:0] folded;', '  integer t;', '  always @(*) begin', "    folded = 16'd0;", `    for (t = 0; t < ${n}; t = t + 1)`, '      folded = folded ^ r[t];', '  end', '', '  assign result = folded;', '  assign done   = &d;', 'endmodule', '');
  return lines.join('\n');
}

/** Returns { text, lines, modules, top } for a design of about `targetLines` lines. */
export function generateDesign({ targetLines = 50_000, seed = 1 } = {}) {
  const r = rng(seed);
  const chunks = [`// Generated by scripts/bench/gen-design.mjs (seed ${seed}, target ${targetLines} lines). Do not edit.\n\`timescale 1ns/1ps\n`];
  let lines = 2;
  let groups = 0;
  const topLinesPerTile = 4;
  // Whole groups until the target is reached (so the design has at least targetLines lines).
  while (lines + 25 + topLinesPerTile * groups < targetLines || groups === 0) {
    const group = [macLanes(groups), fifo(groups), ctrl(groups, r), aluPipe(groups, r), addTree(groups), tile(groups)].join('\n') + '\n';
    const n = group.split('\n').length - 1;
    chunks.push(group);
    lines += n;
    groups++;
  }
  chunks.push(top(groups));
  const text = chunks.join('');
  return { text, lines: text.split('\n').length - 1, modules: groups * 6 + 1, top: 'accel_top' };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, def) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : def;
  };
  const d = generateDesign({ targetLines: Number(arg('--lines', '50000')), seed: Number(arg('--seed', '1')) });
  const out = arg('--out');
  if (out) {
    writeFileSync(out, d.text);
    process.stderr.write(`${out}: ${d.lines} lines, ${d.modules} modules, top ${d.top}\n`);
  } else process.stdout.write(d.text);
}
