/**
 * Elaboration work stays bounded, checked with counters rather than clocks: a runaway loop at the
 * default budget is cut off before its body is elaborated even once, and the plain-number control
 * of counting loops (loop-control.ts) unrolls exactly what the general BigInt loop unrolls.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { SemanticModel } from '../src/semantic';
import { openText } from './semantic-helpers';

async function elaborate(src: string, top = 't', opts?: Parameters<SemanticModel['elaborate']>[1]) {
  const sm = new SemanticModel();
  sm.updateFile(await openText('/virtual/perf.v', src));
  return sm.elaborate(top, opts);
}

describe('runaway loops at the default budget', () => {
  test('a generate loop that only ends when its genvar wraps is cut off with no body elaborated', async () => {
    const r = await elaborate(`module t;
  genvar i;
  for (i = 0; i >= 0; i = i + 1) begin : g
    wire x;
  end
endmodule`);
    const lim = r.diagnostics.filter((d) => d.code === 'sem-limit');
    expect(lim.map((d) => [d.range.start.line, d.severity])).toEqual([[2, 'error']]);
    expect(lim[0].message).toContain('More than 1000000 loop/generate iterations');
    expect(r.design!.top.module.nets).toEqual([]); // not one of the million bodies was built
    expect(r.stats!.limit).toBe('iterations');
  });

  test('a loop that fits the budget alone but not after the loops before it is cut off too', async () => {
    const r = await elaborate(`module t;
  genvar i, j;
  for (i = 0; i < 600000; i = i + 1) begin : a end
  for (j = 0; j < 600000; j = j + 1) begin : b
    wire x;
  end
endmodule`);
    expect(r.diagnostics.filter((d) => d.code === 'sem-limit').map((d) => d.range.start.line)).toEqual([3]);
    expect(r.design!.top.module.nets).toEqual([]);
  });

  test('a procedural for loop that never ends is reported without unrolling its body', async () => {
    const r = await elaborate(`module t(input wire clk, input wire [7:0] d, output reg [7:0] q);
  integer k;
  always @(posedge clk)
    for (k = 0; k >= 0; k = k + 1) q <= d;
endmodule`);
    const lim = r.diagnostics.filter((d) => d.code === 'sem-limit');
    expect(lim.map((d) => d.range.start.line)).toEqual([3]);
    const ff = r.design!.top.module.processes.find((p) => p.kind === 'always');
    expect(ff && ff.kind === 'always' && ff.body).toEqual([]);
  });

  test('a loop whose step is 0 is still reported as never ending', async () => {
    const r = await elaborate(`module t; genvar i; for (i = 0; i < 4; i = i + 0) begin : g wire x; end endmodule`);
    expect(r.diagnostics.some((d) => d.code === 'sem-limit' && /never ends/.test(d.message))).toBe(true);
  });
});

/** Literal spellings with their own widths and signedness, to exercise Verilog's comparison rules. */
const literals = fc.oneof(
  fc.integer({ min: -40, max: 40 }).map((n) => (n < 0 ? `(${n})` : String(n))),
  fc.tuple(fc.integer({ min: 1, max: 8 }), fc.boolean(), fc.nat(255)).map(([w, s, v]) => `${w}'${s ? 's' : ''}d${v % 2 ** w}`),
  fc.constantFrom("32'hFFFFFFF0", "4'sb1111", "64'd20", "40'sh00_0000_0010", '-3', "8'hFF"),
);
const compares = fc.constantFrom('<', '<=', '>', '>=', '!=', '==');

describe('counting loops on numbers unroll what the general loop unrolls', () => {
  // The general loop is forced by spelling the same loop in a form the fast path does not read:
  // `!(i OP b)` for the condition and `(i + d) - 0` for the step.
  const inverse: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '!=': '==', '==': '!=' };

  test('generate loops: same genvar values, same diagnostics', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -20, max: 20 }), compares, literals, fc.boolean(), literals, fc.boolean(), async (start, op, bound, down, delta, flip) => {
        const s0 = start < 0 ? `(${start})` : String(start);
        const cond = flip ? `${bound} ${({ '<': '>', '<=': '>=', '>': '<', '>=': '<=', '!=': '!=', '==': '==' } as Record<string, string>)[op]} i` : `i ${op} ${bound}`;
        const step = `i ${down ? '-' : '+'} ${delta}`;
        const fast = `module t; genvar i; for (i = ${s0}; ${cond}; i = ${step}) begin : g wire x; end endmodule`;
        const slow = `module t; genvar i; for (i = ${s0}; !(i ${inverse[op]} ${bound}); i = (${step}) - 0) begin : g wire x; end endmodule`;
        const limits = { maxIterations: 300 };
        const [a, b] = [await elaborate(fast, 't', { limits }), await elaborate(slow, 't', { limits })];
        const nets = (r: typeof a) => r.design?.top.module.nets.map((n) => n.name) ?? [];
        const codes = (r: typeof a) => r.diagnostics.map((d) => d.code).sort();
        // the general loop stops on a repeated value or the budget after building some bodies; the
        // fast path stops before: compare the bodies only when neither hit a limit
        if (codes(a).includes('sem-limit') || codes(b).includes('sem-limit')) {
          expect(codes(a)).toContain('sem-limit');
          expect(codes(b)).toContain('sem-limit');
        } else {
          expect(nets(a)).toEqual(nets(b));
          expect(codes(a)).toEqual(codes(b));
        }
      }),
      { numRuns: 250, seed: 11 },
    );
  });

  test('procedural loops over narrow and signed variables: same unrolled statements', async () => {
    const decls = fc.constantFrom('integer k;', 'reg [3:0] k;', 'reg signed [4:0] k;', 'reg [7:0] k;', 'reg [31:0] k;');
    await fc.assert(
      fc.asyncProperty(decls, fc.integer({ min: 0, max: 20 }), compares, literals, fc.boolean(), fc.integer({ min: 1, max: 5 }), async (decl, start, op, bound, down, delta) => {
        const body = (cond: string, step: string) =>
          `module t(input wire clk, input wire [63:0] d, output reg [63:0] q); ${decl} always @(posedge clk) for (k = ${start}; ${cond}; k = ${step}) q[k % 64] <= d[k % 64]; endmodule`;
        const step = `k ${down ? '-' : '+'} ${delta}`;
        const fast = body(`k ${op} ${bound}`, step);
        const slow = body(`!(k ${inverse[op]} ${bound})`, `(${step}) - 0`);
        const limits = { maxIterations: 400 };
        const [a, b] = [await elaborate(fast, 't', { limits }), await elaborate(slow, 't', { limits })];
        const codes = (r: typeof a) => r.diagnostics.map((d) => d.code).sort();
        const stmts = (r: typeof a) => {
          const p = r.design?.top.module.processes.find((x) => x.kind === 'always');
          return p && p.kind === 'always' ? p.body.length : -1;
        };
        if (codes(a).includes('sem-limit') || codes(b).includes('sem-limit')) {
          expect(codes(a)).toContain('sem-limit');
          expect(codes(b)).toContain('sem-limit');
        } else {
          expect(stmts(a)).toEqual(stmts(b));
          expect(codes(a)).toEqual(codes(b));
        }
      }),
      { numRuns: 250, seed: 12 },
    );
  });
});
