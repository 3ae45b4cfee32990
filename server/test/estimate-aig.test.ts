/**
 * The bit-level network: structural hashing and constant propagation of the and-inverter graph,
 * and the lowering of operators checked by simulation against the Verilog arithmetic on random
 * vectors (the network must compute what the RTL says, or its size means nothing).
 */
import { describe, expect, it } from 'vitest';
import { Aig, FALSE, TRUE, not, nodeOf, isCompl } from '../src/estimate/aig/aig';
import { blastGraph } from '../src/estimate/aig/blast';
import { buildNetwork } from '../src/estimate/aig/network';
import { mapNetwork, matchTable } from '../src/estimate/aig/map';
import { CELLS } from '../src/estimate/aig/cells';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { elaborateText, estimateText, graphOf } from './estimate-helpers';

/** Values of every literal's node for one assignment of the inputs (bit-parallel over 32 vectors). */
function simulate(aig: Aig, inputs: Map<number, number>): Int32Array {
  const v = new Int32Array(aig.size);
  for (let i = 1; i < aig.size; i++) {
    if (aig.f0[i] < 0) {
      v[i] = inputs.get(i) ?? 0;
      continue;
    }
    const a = aig.f0[i];
    const b = aig.f1[i];
    const va = isCompl(a) ? ~v[nodeOf(a)] : v[nodeOf(a)];
    const vb = isCompl(b) ? ~v[nodeOf(b)] : v[nodeOf(b)];
    v[i] = va & vb;
  }
  return v;
}

const litValue = (v: Int32Array, l: number, lane: number): number => {
  const x = nodeOf(l) === 0 ? 0 : (v[nodeOf(l)] >>> lane) & 1;
  return isCompl(l) ? x ^ 1 : x;
};

/** Runs a one-module snippet's network on random inputs: per lane, inputs and the outputs' values. */
async function check(text: string, expected: (ins: Record<string, bigint>) => Record<string, bigint>, seed = 1) {
  const g = await graphOf(text);
  const bl = blastGraph(g, 1 << 20);
  let s = seed;
  const rnd = () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return s;
  };
  const assign = new Map<number, number>();
  for (let i = 1; i < bl.aig.size; i++) if (bl.aig.f0[i] < 0) assign.set(i, rnd());
  const v = simulate(bl.aig, assign);
  const read = (id: number, lane: number): bigint => {
    const b = bl.bits[id]!;
    let x = 0n;
    for (let i = b.length - 1; i >= 0; i--) x = (x << 1n) | BigInt(litValue(v, b[i], lane));
    return x;
  };
  for (let lane = 0; lane < 32; lane++) {
    const ins: Record<string, bigint> = {};
    for (const [name, id] of g.inputs) ins[name] = read(id, lane);
    // a flop's present value is an input of the network; 'next q' is what it loads
    const regs = new Map(g.nodes.filter((n) => n.kind === 'reg' && n.live).map((n) => [n.what.replace(/^reg /, ''), n]));
    for (const [name, r] of regs) ins[name] = read(r.id, lane);
    const want = expected(ins);
    const at = (name: string) => (name.startsWith('next ') ? regs.get(name.slice(5))!.inputs[0] : g.outputs.get(name)!);
    for (const [name, val] of Object.entries(want)) expect(read(at(name), lane), `${name} lane ${lane} inputs ${JSON.stringify(ins, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))}`).toBe(val);
  }
  return bl;
}

const M = (w: number) => (1n << BigInt(w)) - 1n;
const sx = (v: bigint, w: number) => (v >> BigInt(w - 1)) & 1n ? v - (1n << BigInt(w)) : v;

describe('and-inverter graph', () => {
  it('hashes structurally, propagates constants and simplifies one level', () => {
    const g = new Aig();
    const a = g.input();
    const b = g.input();
    const ab = g.and(a, b);
    expect(g.and(b, a)).toBe(ab);
    expect(g.ands).toBe(1);
    expect(g.and(a, FALSE)).toBe(FALSE);
    expect(g.and(a, TRUE)).toBe(a);
    expect(g.and(a, not(a))).toBe(FALSE);
    expect(g.and(ab, a)).toBe(ab);
    expect(g.and(ab, not(a))).toBe(FALSE);
    expect(g.and(not(g.and(not(a), b)), a)).toBe(a);
    const x = g.xor(a, b);
    expect(g.xor(a, b)).toBe(x);
    // a ^ b reuses !a & b built above: two new ANDs
    expect(g.ands).toBe(4);
    expect(g.level[nodeOf(x)]).toBe(2);
  });

  it('grows past its first arrays and keeps hashing', () => {
    const g = new Aig(1 << 20, 16);
    const ins = Array.from({ length: 200 }, () => g.input());
    const first = ins.slice(1).map((x) => g.and(ins[0], x));
    const again = ins.slice(1).map((x) => g.and(x, ins[0]));
    expect(again).toEqual(first);
    expect(g.ands).toBe(199);
  });

  it('keeps only the logic that drives a root', () => {
    const g = new Aig();
    const a = g.input();
    const b = g.input();
    const c = g.input();
    const used = g.and(a, b);
    g.and(b, c);
    const live = g.liveMask([used]);
    expect(live[nodeOf(used)]).toBe(1);
    expect([...live].filter(Boolean).length).toBe(3);
  });
});

describe('operators lowered to bits compute what the RTL says', () => {
  it('adders, subtractors and constant additions', async () => {
    await check(
      `module m(input [11:0] a, b, output [12:0] s, output [11:0] d, output [11:0] k);
        assign s = a + b; assign d = a - b; assign k = a + 12'd1234;
      endmodule`,
      ({ a, b }) => ({ s: a + b, d: (a - b) & M(12), k: (a + 1234n) & M(12) }),
    );
  });

  it('a tree of additions and subtractions is one carry-save tree and computes the sum', async () => {
    await check(
      `module m(input [11:0] a, b, c, output [11:0] d, output [11:0] e);
        assign d = a - b - c; assign e = c - (a + b);
      endmodule`,
      ({ a, b, c }) => ({ d: (a - b - c) & M(12), e: (c - a - b) & M(12) }),
    );
  });

  it('the inner subtraction of a - b - c is absorbed: the path has one adder and a carry-save stage', async () => {
    const d = await elaborateText(`module m(input clk, input [31:0] a, b, c, output reg [31:0] y);
      always @(posedge clk) y <= a - b - c;
    endmodule`);
    const estimator = new Estimator(ASAP7_CALIBRATION);
    const me = [...estimator.modules(estimator.estimate(d)).values()][0];
    const net = me.network!;
    const subs = me.graph.nodes.filter((n) => n.live && n.kind === 'sub');
    expect(subs.length).toBe(2);
    const inner = subs.find((n) => subs.some((o) => o.inputs.includes(n.id)))!;
    const root = subs.find((n) => n !== inner)!;
    expect(net.absorbed[inner.id]).toBe(1);
    expect(me.nodeDelay[inner.id]).toBe(0);
    // three rows: one 3:2 stage of two cell levels before the adder
    expect(net.sumTreePs[root.id]).toBeCloseTo(2 * net.psPerLevel);
    expect(me.nodeDelay[root.id]).toBeGreaterThan(net.sumTreePs[root.id]);
  });

  it('signed and unsigned products and a multiply-accumulate', async () => {
    await check(
      `module m(input [7:0] a, b, input signed [7:0] x, y, input [15:0] c, output [15:0] p, output signed [15:0] q, output [15:0] r);
        assign p = a * b; assign q = x * y; assign r = a * b + c;
      endmodule`,
      ({ a, b, x, y, c }) => ({ p: a * b, q: (sx(x, 8) * sx(y, 8)) & M(16), r: (a * b + c) & M(16) }),
    );
  });

  it('comparisons, equality and shifts', async () => {
    await check(
      `module m(input [9:0] a, b, input signed [9:0] x, y, input [3:0] n, output lt, le, gt, slt, eq, ne, output [9:0] sl, sr, output signed [9:0] ar);
        assign lt = a < b; assign le = a <= b; assign gt = a > 10'd300; assign slt = x < y;
        assign eq = a == b; assign ne = a != 10'd5;
        assign sl = a << n; assign sr = a >> n; assign ar = x >>> n;
      endmodule`,
      ({ a, b, x, y, n }) => ({
        lt: a < b ? 1n : 0n,
        le: a <= b ? 1n : 0n,
        gt: a > 300n ? 1n : 0n,
        slt: sx(x, 10) < sx(y, 10) ? 1n : 0n,
        eq: a === b ? 1n : 0n,
        ne: a !== 5n ? 1n : 0n,
        sl: (a << n) & M(10),
        sr: a >> n,
        ar: (sx(x, 10) >> n) & M(10),
      }),
    );
  });

  it('a case table is the logic it denotes', async () => {
    const table = [7, 3, 12, 0, 9, 9, 15, 1];
    const bl = await check(
      `module m(input [2:0] s, input [3:0] a, b, output reg [3:0] y, output reg [3:0] z);
        always @* begin
          case (s) ${table.map((v, i) => `3'd${i}: y = 4'd${v};`).join(' ')} endcase
          case (s) 3'd0, 3'd1: z = a; 3'd2: z = b; default: z = a & b; endcase
        end
      endmodule`,
      ({ s, a, b }) => ({ y: BigInt(table[Number(s)]), z: s < 2n ? a : s === 2n ? b : a & b }),
    );
    expect(bl.aig.ands).toBeLessThan(200);
  });

  it('reductions, gates, part-selects and concatenation', async () => {
    await check(
      `module m(input [7:0] a, b, input [1:0] i, output o, x, n, output [7:0] g, output [1:0] p, output [9:0] c);
        assign o = |a; assign x = ^a; assign n = &b;
        assign g = (a & b) | ~(a ^ 8'h0f);
        assign p = a[i*2 +: 2];
        assign c = {b[3:0], a[7:2]};
      endmodule`,
      ({ a, b, i }) => {
        let par = 0n;
        for (let k = 0n; k < 8n; k++) par ^= (a >> k) & 1n;
        return {
          o: a !== 0n ? 1n : 0n,
          x: par,
          n: b === 255n ? 1n : 0n,
          g: ((a & b) | (~(a ^ 0x0fn) & 0xffn)) & 0xffn,
          p: (a >> (i * 2n)) & 3n,
          c: ((b & 15n) << 6n) | (a >> 2n),
        };
      },
    );
  });
});

describe('flops load what the RTL says', () => {
  it('an if / else-if ladder: the enable terms are ORed', async () => {
    await check(
      `module m(input clk, input a, b, c, input [7:0] d, e, output [7:0] y);
        reg [7:0] q; reg [7:0] r;
        always @(posedge clk) begin
          if (a) q <= d;
          else if (b && !a) q <= e;
          if (!a || c) begin
            if (b) r <= r >> 2;
          end else if (b) r <= d;
        end
        assign y = q ^ r;
      endmodule`,
      ({ a, b, c, d, e, q, r }) => ({
        'next q': a ? d : b ? e : q,
        'next r': !a || c ? (b ? r >> 2n : r) : b ? d : r,
        y: q ^ r,
      }),
    );
  });
});

describe('the network in the estimate', () => {
  it('a module too large for its bound keeps the word-level model', async () => {
    const g = await graphOf(`module m(input [31:0] a, b, output [63:0] p); assign p = a * b; endmodule`);
    expect(buildNetwork(g, 256)).toBeUndefined();
    const net = buildNetwork(g)!;
    expect(net.ands).toBeGreaterThan(1000);
    expect(net.depth).toBeGreaterThan(20);
  });

  it('each operator node is given the ANDs built for it', async () => {
    const d = await elaborateText(`module m(input clk, input [15:0] a, b, output reg [15:0] y);
      wire [15:0] s = a + b;
      always @(posedge clk) y <= s ^ b;
    endmodule`);
    const estimator = new Estimator(ASAP7_CALIBRATION);
    const me = [...estimator.modules(estimator.estimate(d)).values()][0];
    const net = me.network!;
    const add = me.graph.nodes.find((n) => n.kind === 'add')!;
    const xor = me.graph.nodes.find((n) => n.kind === 'logic')!;
    expect(net.andsOf[add.id]).toBeGreaterThan(40);
    expect(net.andsOf[xor.id]).toBe(48);
    expect(me.nodeArea[add.id]).toBeGreaterThan(0);
    // the adder's levels exceed the XOR row's
    expect(net.levelsOf[add.id]).toBeGreaterThan(net.levelsOf[xor.id]);
  });

  it('a flat gate-level netlist is one network, its dead gates removed', async () => {
    const flat = (N: number) => {
      const lines: string[] = [];
      lines.push(`module flat(input [${N - 1}:0] a, b, output [${N - 1}:0] s, output co);`);
      for (let i = 0; i <= N; i++) lines.push(`  wire c${i};`);
      lines.push("  assign c0 = 1'b0;");
      for (let i = 0; i < N; i++) {
        lines.push(`  wire x${i}, g${i}, t${i}, dead${i};`);
        lines.push(`  assign x${i} = a[${i}] ^ b[${i}];`);
        lines.push(`  assign g${i} = a[${i}] & b[${i}];`);
        lines.push(`  assign t${i} = x${i} & c${i};`);
        lines.push(`  assign c${i + 1} = g${i} | t${i};`);
        lines.push(`  assign s[${i}] = x${i} ^ c${i};`);
        lines.push(`  assign dead${i} = a[${i}] | b[${i}];`);
      }
      lines.push(`  assign co = c${N};`);
      lines.push('endmodule');
      return lines.join('\n');
    };
    // what the gates compute
    await check(flat(8), ({ a, b }) => ({ s: (a + b) & 255n, co: (a + b) >> 8n }));
    const N = 400;
    const d = await elaborateText(flat(N));
    const estimator = new Estimator(ASAP7_CALIBRATION);
    const est = estimator.estimate(d);
    const me = [...estimator.modules(est).values()][0];
    // a ripple-carry adder: 2 XORs and a carry per bit, at most 9 ANDs a bit; the ORs nothing reads are gone
    expect(me.network!.ands).toBeGreaterThan(6 * N);
    expect(me.network!.ands).toBeLessThanOrEqual(9 * N);
    expect(me.network!.depth).toBeGreaterThan(N);
    expect(est.cellUm2).toBeGreaterThan(0);
  });
});

describe('mapping onto the library cells', () => {
  const area = (name: string) => CELLS.find((c) => c[0] === name)![3];

  it('a single gate is one cell of its function, inverted inputs at an inverter share', () => {
    const t = matchTable();
    expect(t[0xaaaa & 0xcccc]).toBeCloseTo(area('AND2x2'));
    expect(t[0xaaaa ^ 0xcccc]).toBeCloseTo(area('XOR2x2'));
    expect(t[0xaaaa & 0xcccc & 0xf0f0 & 0xff00]).toBeCloseTo(area('AND4x1'));
    // a majority of three is one MAJ cell
    expect(t[(0xaaaa & 0xcccc) | (0xaaaa & 0xf0f0) | (0xcccc & 0xf0f0)]).toBeCloseTo(area('MAJx2'));
    // a & !b: NOR2(!a, b) with an inverter shared, cheaper than two cells
    expect(t[0xaaaa & ~0xcccc & 0xffff]).toBeGreaterThan(area('NOR2x1'));
    expect(t[0xaaaa & ~0xcccc & 0xffff]).toBeLessThan(area('NOR2x1') + area('INVx1'));
    // XOR of four inputs: no single cell
    expect(t[0xaaaa ^ 0xcccc ^ 0xf0f0 ^ 0xff00]).toBe(Infinity);
  });

  it('every cell of the cover computes what its root AND computes (simulated)', async () => {
    const g = await graphOf(`module m(input [11:0] a, b, input [2:0] s, output [12:0] y, output [11:0] z, output p);
      assign y = a + b;
      assign z = s[0] ? (a ^ b) : s[1] ? (a & ~b) : (a | b);
      assign p = ^(a & b) | (a[3:0] < b[3:0]);
    endmodule`);
    const bl = blastGraph(g, 1 << 20);
    const live = bl.aig.liveMask(bl.roots);
    const m = mapNetwork(bl.aig, live, bl.roots, g.nodes.length)!;
    expect(m.cells).toBeGreaterThan(20);
    let s = 7;
    const assign = new Map<number, number>();
    for (let i = 1; i < bl.aig.size; i++)
      if (bl.aig.f0[i] < 0) {
        s = (Math.imul(s, 1103515245) + 12345) | 0;
        assign.set(i, s ^ (s >>> 13));
      }
    const v = simulate(bl.aig, assign);
    let checked = 0;
    for (let k = 0; k < m.cells; k++) {
      const root = m.cellRoots[k];
      for (let lane = 0; lane < 32; lane++) {
        let idx = 0;
        for (let j = 0; j < 4; j++) {
          const l = m.cellLeaves[k * 4 + j];
          if (l >= 0) idx |= ((v[l] >>> lane) & 1) << j;
        }
        expect((m.cellTT[k] >> idx) & 1, `cell ${k} root ${root} lane ${lane}`).toBe((v[root] >>> lane) & 1);
        checked++;
      }
    }
    expect(checked).toBe(m.cells * 32);
    // every output bit's AND is the root of a cell
    const roots = new Set(m.cellRoots);
    for (const r of bl.roots) if (bl.aig.isAnd(r)) expect(roots.has(nodeOf(r))).toBe(true);
    // the cover is smaller than one 2-input cell per AND
    expect(m.area).toBeLessThan([...live].filter((x, i) => x && bl.aig.f0[i] >= 0).length * area('AND2x2'));
  });

  it('a ripple-carry adder maps to about a full adder of cells per bit', async () => {
    const g = await graphOf(`module m(input [31:0] a, b, output [31:0] s); assign s = a + b; endmodule`);
    const bl = blastGraph(g, 1 << 20);
    const m = mapNetwork(bl.aig, bl.aig.liveMask(bl.roots), bl.roots, g.nodes.length)!;
    // a Brent-Kung adder: an XOR for the sum and a few cells of carry tree per bit
    expect(m.area / 32).toBeGreaterThan(area('XOR2x2'));
    expect(m.area / 32).toBeLessThan(4 * area('XOR2x2'));
  });
});

describe('register arrays', () => {
  it('words set by an asynchronous reset loop are reset pins, not a write port per word', async () => {
    const text = (reset: boolean) => `module m(input clk, rst, input [8:0] wa, ra, input we, input [1:0] wd, output [1:0] rd);
      reg [1:0] t [0:511];
      integer i;
      always @(posedge clk or posedge rst)
        if (rst) begin ${reset ? 'for (i = 0; i < 512; i = i + 1) t[i] <= 2\'d3;' : ''} end
        else if (we) t[wa] <= wd;
      assign rd = t[ra];
    endmodule`;
    const plain = (await estimateText(text(false))).cellUm2;
    const withReset = (await estimateText(text(true))).cellUm2;
    // 1024 flops take a reset pin each: more than the plain array, far from 512 write ports
    expect(withReset).toBeGreaterThan(plain);
    expect(withReset).toBeLessThan(plain * 1.5);
  });

  it('reads at constant indices need no read mux; the same read twice is one port', async () => {
    const est = async (read: string) => {
      const d = await elaborateText(`module m(input clk, input [4:0] wa, ra, input we, input [31:0] wd, output [31:0] rd, output hit);
        reg [31:0] t [0:31];
        always @(posedge clk) if (we) t[wa] <= wd;
        ${read}
      endmodule`);
      const estimator = new Estimator(ASAP7_CALIBRATION);
      const e = estimator.estimate(d);
      const me = [...estimator.modules(e).values()][0];
      return { mem: me.nodeArea[me.graph.nodes.find((n) => n.kind === 'mem')!.id], total: e.cellUm2 };
    };
    const variable = await est(`assign rd = t[ra]; assign hit = 1'b0;`);
    const constant = await est(`assign rd = t[3] ^ t[7]; assign hit = 1'b0;`);
    // the words:1 mux of the model's read port is gone: about a quarter of a 32x32 array
    expect(constant.mem).toBeLessThan(variable.mem * 0.8);
    const once = await est(`assign rd = t[ra]; assign hit = rd == wd;`);
    const twice = await est(`assign rd = t[ra]; assign hit = t[ra] == wd;`);
    expect(twice.total).toBeCloseTo(once.total, 0);
  });

  it('a word written at a constant index costs an enable on that word only', async () => {
    const text = (k: number) => `module m(input clk, input [4:0] wa, ra, input we, input [31:0] wd, input [31:0] c, output [31:0] rd);
      reg [31:0] t [0:31];
      always @(posedge clk) begin
        if (we) t[wa] <= wd;
        ${Array.from({ length: k }, (_, j) => `t[${j}] <= c + ${j};`).join(' ')}
      end
      assign rd = t[ra];
    endmodule`;
    const one = (await estimateText(text(1))).cellUm2;
    const two = (await estimateText(text(2))).cellUm2;
    // a further constant-index write adds one word's mux (32 bits) and its adder, not 32 words' muxes
    expect(two - one).toBeLessThan(32 * 32 * 0.29 * 0.25);
    expect(two - one).toBeGreaterThan(0);
  });
});
