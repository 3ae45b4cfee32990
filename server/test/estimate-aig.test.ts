/**
 * The bit-level network: structural hashing and constant propagation of the and-inverter graph,
 * and the lowering of operators checked by simulation against the Verilog arithmetic on random
 * vectors (the network must compute what the RTL says, or its size means nothing).
 */
import { describe, expect, it } from 'vitest';
import { Aig, FALSE, TRUE, not, nodeOf, isCompl } from '../src/estimate/aig/aig';
import { blastGraph } from '../src/estimate/aig/blast';
import { buildNetwork } from '../src/estimate/aig/network';
import { ASAP7_CALIBRATION, Estimator } from '../src/estimate/index';
import { elaborateText, graphOf } from './estimate-helpers';

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
    const est = new Estimator(ASAP7_CALIBRATION).estimate(d);
    const me = [...est.modules!.values()][0];
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
    const est = new Estimator(ASAP7_CALIBRATION).estimate(d);
    const me = [...est.modules!.values()][0];
    // a ripple-carry adder: 2 XORs and a carry per bit, at most 9 ANDs a bit; the ORs nothing reads are gone
    expect(me.network!.ands).toBeGreaterThan(6 * N);
    expect(me.network!.ands).toBeLessThanOrEqual(9 * N);
    expect(me.network!.depth).toBeGreaterThan(N);
    expect(est.cellUm2).toBeGreaterThan(0);
  });
});
