/**
 * Hostile and broken inputs (issue 17), each run in a child process under a time and memory bound.
 * A case builds its files in a fresh temporary folder, runs the CLI or talks to the language
 * server, and says whether the product behaved: the right exit code or diagnostic, no secret or
 * foreign bytes in the output, an answer in time. `fromIssue` marks the cases the issue reported as
 * failing; the others behaved before and must keep doing so (or are new).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { RawLsp, runCli, type Bounds, type RunResult } from './harness';

export interface Outcome {
  code: number | null;
  ms: number;
  peakMb: number;
  killed?: 'time' | 'memory';
  /** Undefined when the case behaved; else what went wrong. */
  problem?: string;
  /** Figures of the case's own (the hover after a burst, say), for the table. */
  detail?: string;
}

export interface Case {
  name: string;
  fromIssue: boolean;
  bounds: Bounds;
  run(dir: string): Promise<Outcome>;
}

const SECRET = 'ghp_fuzzSecretToken0123456789';

type FileSpec = string | { symlink: string } | { fifo: true } | { bytes: Buffer };

function layout(dir: string, files: Record<string, FileSpec>): void {
  for (const [rel, spec] of Object.entries(files)) {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    if (typeof spec === 'string') writeFileSync(p, spec);
    else if ('symlink' in spec) symlinkSync(spec.symlink, p);
    else if ('fifo' in spec) execFileSync('mkfifo', [p]);
    else writeFileSync(p, spec.bytes);
  }
}

/** A deterministic byte generator (xorshift), so a failing case can be replayed. */
function randomBytes(n: number, seed: number, printable = false): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b[i] = printable ? 32 + (x % 95) : x & 0xff;
  }
  return b;
}

/** Random bytes with every NUL replaced (NUL marks a binary file, refused before parsing). */
function nonNul(b: Buffer): Buffer {
  for (let i = 0; i < b.length; i++) if (b[i] === 0) b[i] = 1 + (i % 255);
  return b;
}

/** Fails when `problem` holds; the run's figures otherwise. */
function outcome(r: RunResult, problem: string | undefined): Outcome {
  const killed = r.killed ? `killed by the watchdog (${r.killed})` : undefined;
  const crashed = /internal error|Maximum call stack|heap out of memory|FATAL ERROR/i.test(r.stderr + r.stdout) ? `crashed: ${firstLine(r.stderr + r.stdout, /internal error|Maximum call stack|heap out of memory|FATAL ERROR/i)}` : undefined;
  return { code: r.code, ms: r.ms, peakMb: r.peakMb, killed: r.killed, problem: killed ?? crashed ?? problem };
}

function firstLine(s: string, re: RegExp): string {
  return (s.split('\n').find((l) => re.test(l)) ?? '').slice(0, 160);
}

const CLI_BOUNDS: Bounds = { timeoutMs: 30_000, memMb: 1024 };

interface CliCase {
  name: string;
  fromIssue: boolean;
  files: Record<string, FileSpec>;
  args: string[] | ((dir: string) => string[]);
  env?: Record<string, string>;
  /** The sub-folder to run in (default: the case folder). */
  cwd?: string;
  bounds?: Partial<Bounds>;
  /** Undefined when the result is right; else the problem. */
  expect(r: RunResult, dir: string): string | undefined;
}

function cli(c: CliCase): Case {
  const bounds = { ...CLI_BOUNDS, ...c.bounds };
  return {
    name: c.name,
    fromIssue: c.fromIssue,
    bounds,
    async run(dir) {
      layout(dir, c.files);
      const args = typeof c.args === 'function' ? c.args(dir) : c.args;
      const r = await runCli(args, { cwd: path.join(dir, c.cwd ?? '.'), env: { GITHUB_TOKEN: SECRET, ...c.env }, bounds });
      return outcome(r, c.expect(r, dir));
    },
  };
}

const out = (r: RunResult) => r.stdout + r.stderr;
const exit = (want: number | number[]) => (r: RunResult) => {
  const ok = Array.isArray(want) ? want.includes(r.code ?? -1) : r.code === want;
  return ok ? undefined : `exit ${r.code}, want ${String(want)}: ${out(r).slice(0, 300)}`;
};
const all =
  (...checks: Array<(r: RunResult, dir: string) => string | undefined>) =>
  (r: RunResult, dir: string) => {
    for (const c of checks) {
      const p = c(r, dir);
      if (p) return p;
    }
    return undefined;
  };
const says = (re: RegExp) => (r: RunResult) => (re.test(out(r)) ? undefined : `output lacks ${re}: ${out(r).slice(0, 300)}`);
const never = (re: RegExp) => (r: RunResult) => (re.test(out(r)) ? `output has ${re}: ${firstLine(out(r), re)}` : undefined);
const noSecret = never(new RegExp(SECRET));
const noNonFinite = never(/\bNaN\b|Infinity|\$∞/);

const GOOD = 'module good(input a, output y);\n  assign y = ~a;\nendmodule\n';

// ---------------------------------------------------------------- generated designs

function manyAlways(n: number): string {
  return `module t(input clk, input [${n - 1}:0] d, output reg [${n - 1}:0] q);\n  genvar i;\n  generate for (i = 0; i < ${n}; i = i + 1) begin : g\n    always @(posedge clk) q[i] <= d[i];\n  end endgenerate\nendmodule\n`;
}

function ifChain(arms: number): string {
  // seven separate registers: an arm lost past a nesting cap loses a flop (the last arm alone assigns r6)
  const lines = [`module t(input clk, input [9:0] s, input d, output reg r0, r1, r2, r3, r4, r5, r6);`, `  always @(posedge clk)`];
  for (let i = 0; i < arms; i++) {
    const bit = i === arms - 1 ? 6 : i % 6;
    lines.push(`    ${i === 0 ? 'if' : 'else if'} (s == 10'd${i}) r${bit} <= d;`);
  }
  lines.push('endmodule', '');
  return lines.join('\n');
}

function wireChain(n: number): string {
  let s = 'module t(input a, output y); wire w0 = a;';
  for (let i = 1; i <= n; i++) s += ` wire w${i} = ~w${i - 1};`;
  return `${s} assign y = w${n}; endmodule\n`;
}

function operandChain(n: number): string {
  const ops: string[] = [];
  for (let i = 0; i < n; i++) ops.push(`a[${i % 8}]`);
  return `module t(input [7:0] a, output y);\n  assign y = ${ops.join(' ^ ')};\nendmodule\n`;
}

/** One module of about `bytes` bytes of real statements. */
function hugeModule(bytes: number): string {
  const out = ['module huge(input [31:0] a, input [31:0] b, output [31:0] y);'];
  let n = out[0].length;
  for (let i = 0; n < bytes; i++) {
    const l = `  wire [31:0] w${i} = a ^ (b + 32'd${i});`;
    out.push(l);
    n += l.length + 1;
  }
  out.push('  assign y = w0;', 'endmodule', '');
  return out.join('\n');
}

function lines5k(): string {
  const out = ['module big(input clk, input [31:0] a, output reg [31:0] q);'];
  for (let i = 0; i < 2500; i++) out.push(`  reg [31:0] r${i};`, `  always @(posedge clk) r${i} <= a + ${i};`);
  out.push('  always @(posedge clk) q <= r0;', 'endmodule', '');
  return out.join('\n');
}

// ---------------------------------------------------------------- CLI cases

const cliCases: Case[] = [
  cli({ name: 'include /dev/zero', fromIssue: true, files: { 'a.v': '`include "/dev/zero"\n' + GOOD }, args: ['check', 'a.v'], expect: all(exit(1), says(/a\.v:1/)) }),
  cli({ name: 'symlink zero.v -> /dev/zero in a walked folder', fromIssue: true, files: { 'src/zero.v': { symlink: '/dev/zero' }, 'src/good.v': GOOD }, args: ['check', 'src'], expect: all(exit([1, 2]), says(/zero\.v/)) }),
  cli({ name: 'positional /dev/zero', fromIssue: false, files: {}, args: ['check', '/dev/zero', '--allow-outside'], expect: all(exit(2), says(/not a regular file/)) }),
  cli({ name: 'processModel /dev/zero in ppa-lens.json', fromIssue: true, files: { 'ppa-lens.json': '{"processModel": "/dev/zero"}', 'a.v': GOOD }, args: ['estimate', 'a.v'], expect: exit(2) }),
  cli({ name: 'extends /dev/zero in a process file', fromIssue: true, files: { 'p.ppa-process.json': '{"schema":"ppa-process-model/v1","name":"z","extends":"/dev/zero"}', 'a.v': GOOD }, args: ['estimate', '--process', 'p.ppa-process.json', 'a.v'], expect: exit(2) }),
  cli({ name: 'filelist -f /dev/zero', fromIssue: false, files: { 'a.v': GOOD }, args: ['check', '-f', '/dev/zero', 'a.v'], expect: exit(2) }),
  cli({ name: 'FIFO as a source file', fromIssue: false, files: { 'fifo.v': { fifo: true } }, args: ['check', 'fifo.v'], expect: all(exit(2), says(/fifo\.v/)) }),
  cli({ name: 'FIFO in a walked folder', fromIssue: false, files: { 'src/fifo.v': { fifo: true }, 'src/good.v': GOOD }, args: ['check', 'src'], expect: exit([1, 2]) }),
  cli({ name: 'config filelists /proc/self/environ leaks the token', fromIssue: true, files: { 'ppa-lens.json': '{"filelists": ["/proc/self/environ"]}', 'a.v': GOOD }, args: ['check'], expect: all(exit(2), noSecret) }),
  cli({ name: 'include /proc/self/environ echoes a token', fromIssue: true, files: { 'a.v': '`include "/proc/self/environ"\n' + GOOD }, args: ['check', 'a.v'], expect: all(exit(1), noSecret, never(/GITHUB_TOKEN|PATH=/)) }),
  cli({ name: 'include /proc/self/environ, --format github', fromIssue: true, files: { 'a.v': '`include "/proc/self/environ"\n' + GOOD }, args: ['check', '--format', 'github', 'a.v'], expect: all(exit(1), noSecret, never(/GITHUB_TOKEN|PATH=/)) }),
  cli({ name: 'include of a file outside the working folder', fromIssue: true, files: { 'out/secret.vh': '`define SECRET_VALUE 42\nwire leaked_secret;\n', 'w/a.v': '`include "../out/secret.vh"\n' + GOOD }, cwd: 'w', args: ['check', 'a.v'], expect: all(exit(1), says(/outside/)) }),
  cli({ name: 'config files /etc/passwd', fromIssue: true, files: { 'ppa-lens.json': '{"files": ["/etc/passwd"]}', 'a.v': GOOD }, args: ['check'], expect: all(exit([1, 2]), never(/root:/), says(/outside/)) }),
  cli({ name: 'symlink inside pointing outside', fromIssue: false, files: { 'out/o.v': 'module o; endmodule\n', 'w/o.v': { symlink: '../out/o.v' }, 'w/a.v': GOOD }, cwd: 'w', args: ['check', '.'], expect: all(exit([1, 2]), says(/outside/)) }),
  cli({ name: '--allow-outside reads an outside include', fromIssue: false, files: { 'out/defs.vh': '`define W 4\n', 'w/a.v': '`include "../out/defs.vh"\nmodule a(input [`W-1:0] x, output y); assign y = ^x; endmodule\n' }, cwd: 'w', args: ['check', '--allow-outside', 'a.v'], expect: exit(0) }),
  cli({ name: 'binary file with NUL bytes as a source', fromIssue: false, files: { 'bin.v': { bytes: randomBytes(64 << 10, 7) } }, args: ['check', 'bin.v'], expect: all(exit([1, 2]), says(/bin\.v/)) }),
  cli({ name: '256 KB random printable bytes', fromIssue: true, files: { 'r.v': { bytes: randomBytes(256 << 10, 11, true) } }, args: ['check', 'r.v'], bounds: { timeoutMs: 20_000 }, expect: all(exit(1), says(/more syntax errors|syntax/)) }),
  cli({ name: '64 KB random non-NUL bytes: diagnostics capped', fromIssue: true, files: { 'r.v': { bytes: nonNul(randomBytes(64 << 10, 5)) } }, args: ['check', '--format', 'json', 'r.v'], bounds: { timeoutMs: 20_000 }, expect: all(exit(1), (r) => ((r.stdout.match(/"code"/g) ?? []).length <= 600 ? undefined : `${(r.stdout.match(/"code"/g) ?? []).length} diagnostics`)) }),
  cli({ name: 'source over the size bound', fromIssue: false, files: { 'big.v': `module big; endmodule\n// ${'x'.repeat(40 << 20)}\n` }, args: ['check', 'big.v'], expect: all(exit(2), says(/too large|bytes/)) }),
  cli({ name: 'generate loop of 100,000 always blocks', fromIssue: true, files: { 'g.v': manyAlways(100_000) }, args: ['estimate', 'g.v'], bounds: { timeoutMs: 60_000, memMb: 1536 }, expect: exit([0, 1]) }),
  cli({ name: 'if/else-if chain of 60 arms keeps every arm', fromIssue: true, files: { 'c.v': ifChain(60) }, args: ['estimate', 'c.v'], expect: all(exit([0, 1]), (r) => (/\b7 flops\b/.test(r.stdout) ? undefined : `no 7 flops and no diagnostic: ${firstLine(r.stdout, /flops/)}`)) }),
  cli({ name: 'recursion ma -> mb -> ma', fromIssue: true, files: { 'm.v': 'module ma(input a, output y); mb u(.a(a), .y(y)); endmodule\nmodule mb(input a, output y); ma u(.a(a), .y(y)); endmodule\nmodule top(input a, output y); ma u(.a(a), .y(y)); endmodule\n' }, args: ['estimate', '--top', 'top', 'm.v'], expect: all(exit([1, 2]), says(/recurs/i), says(/ma\b.*mb|mb\b.*ma/)) }),
  cli({ name: 'binary self-recursion under generate if', fromIssue: true, files: { 'r.v': 'module r #(parameter N = 8) (input [7:0] a, output y);\n  wire l, h;\n  generate if (N > 0) begin : g\n    r #(.N(N)) lo (.a(a), .y(l));\n    r #(.N(N)) hi (.a(a), .y(h));\n    assign y = l ^ h;\n  end else begin : z\n    assign y = a[0];\n  end endgenerate\nendmodule\n' }, args: ['estimate', 'r.v'], expect: all(exit([1, 2]), says(/recurs|deep/i)) }),
  cli({ name: 'chain of 195k wires on one line', fromIssue: true, files: { 'w.v': wireChain(195_000) }, args: ['estimate', 'w.v'], bounds: { timeoutMs: 90_000, memMb: 3072 }, expect: all(exit([0, 1]), never(/est-failed|call stack/), says(/min period [1-9]/)) }),
  cli({ name: 'expression of 50k operands', fromIssue: false, files: { 'x.v': operandChain(50_000) }, args: ['estimate', 'x.v'], bounds: { timeoutMs: 60_000 }, expect: exit([0, 1]) }),
  cli({ name: '1e999 in a process file', fromIssue: true, files: { 'p.ppa-process.json': '{"schema":"ppa-process-model/v1","name":"inf","extends":"duv-7nm-mp","manufacturing":{"reticle":{"widthMm":1e999,"heightMm":26}}}' }, args: ['cost', '--die-area', '10', '--process', 'p.ppa-process.json'], expect: all(exit(2), says(/p\.ppa-process\.json:1:/), noNonFinite) }),
  cli({ name: 'cost --die-area 1e9', fromIssue: true, files: {}, args: ['cost', '--die-area', '1e9'], expect: all(exit([0, 2]), noNonFinite) }),
  cli({ name: 'cost --die-area Infinity', fromIssue: false, files: {}, args: ['cost', '--die-area', 'Infinity'], expect: all(exit(2), says(/--die-area must be/)) }),
  cli({ name: 'cost --d0 NaN', fromIssue: false, files: {}, args: ['cost', '--die-area', '10', '--d0', 'NaN'], expect: all(exit(2), says(/--d0 must be/)) }),
  cli({ name: 'process file of 34M array items', fromIssue: true, files: { 'p.ppa-process.json': `{"schema":"ppa-process-model/v1","name":"big","extends":"duv-7nm-mp","x":[${'0,'.repeat(34_000_000)}0]}` }, args: ['cost', '--die-area', '10', '--process', 'p.ppa-process.json'], bounds: { timeoutMs: 30_000 }, expect: exit(2) }),
  cli({ name: 'ppa-lens.json nested 100k deep', fromIssue: false, files: { 'ppa-lens.json': '['.repeat(100_000), 'a.v': GOOD }, args: ['check', 'a.v'], expect: exit(2) }),
  cli({ name: 'include of itself', fromIssue: false, files: { 'a.v': '`include "a.v"\n' + GOOD }, args: ['check', 'a.v'], expect: exit(1) }),
  cli({ name: 'macro expansion bomb', fromIssue: false, files: { 'a.v': '`define A0 x x\n' + Array.from({ length: 40 }, (_, i) => `\`define A${i + 1} \`A${i} \`A${i}\n`).join('') + 'module m; wire w = `A40; endmodule\n' }, args: ['check', 'a.v'], expect: exit(1) }),
  cli({ name: 'begin/end nested 250 deep: a located limit', fromIssue: false, files: { 'a.v': `module m(input clk, input d, output reg q);\n  always @(posedge clk) ${'begin '.repeat(250)} q <= d; ${'end '.repeat(250)}\nendmodule\n` }, args: ['estimate', 'a.v'], expect: all(exit(1), says(/a\.v:2:\d+: error: statements nested more than 200 deep/)) }),
  cli({ name: 'begin/end nested 20k deep', fromIssue: false, files: { 'a.v': `module m(input clk, input d, output reg q); always @(posedge clk) ${'begin '.repeat(20_000)} q <= d; ${'end '.repeat(20_000)}\nendmodule\n` }, args: ['estimate', 'a.v'], bounds: { timeoutMs: 60_000 }, expect: exit([0, 1]) }),
  cli({ name: 'parentheses nested 50k deep', fromIssue: false, files: { 'a.v': `module m(input a, output y); assign y = ${'('.repeat(50_000)}a${')'.repeat(50_000)}; endmodule\n` }, args: ['estimate', 'a.v'], bounds: { timeoutMs: 60_000 }, expect: exit([0, 1]) }),
  cli({ name: 'huge vector width', fromIssue: false, files: { 'a.v': 'module m(input clk, input [2147483647:0] d, output reg [2147483647:0] q); always @(posedge clk) q <= d; endmodule\n' }, args: ['estimate', 'a.v'], expect: exit([0, 1, 2]) }),
  cli({ name: 'huge replication', fromIssue: false, files: { 'a.v': "module m(output [7:0] y); assign y = {2000000000{1'b1}}; endmodule\n" }, args: ['estimate', 'a.v'], expect: exit([0, 1, 2]) }),
  cli({ name: 'invalid UTF-8 and CR-only lines', fromIssue: false, files: { 'a.v': { bytes: Buffer.concat([Buffer.from('module m;\r wire \xff\xfe;\r'), Buffer.from([0xc3, 0x28, 0xe2, 0x82]), Buffer.from('\rendmodule\r')]) } }, args: ['check', 'a.v'], expect: exit([0, 1]) }),
  cli({ name: 'empty file', fromIssue: false, files: { 'a.v': '' }, args: ['estimate', 'a.v'], expect: exit([0, 1, 2]) }),
  cli({ name: 'a .env file given as a filelist', fromIssue: false, files: { '.env': `GITHUB_TOKEN=${SECRET}\nOTHER=1\n`, 'a.v': GOOD }, args: ['check', '-f', '.env'], expect: all(exit(2), says(/\.env:1:/), noSecret) }),
  cli({ name: '--clock and budget flags with non-finite numbers', fromIssue: false, files: { 'a.v': GOOD }, args: ['estimate', '--max-area', 'Infinity', 'a.v'], expect: all(exit(2), says(/--max-area must be/)) }),
  cli({ name: 'ppa-lens.json budget 1e999', fromIssue: false, files: { 'ppa-lens.json': '{"budgets": {"maxAreaUm2": 1e999}}', 'a.v': GOOD }, args: ['estimate', 'a.v'], expect: all(exit(2), says(/ppa-lens\.json:1:/)) }),
  cli({ name: 'filelist nesting itself', fromIssue: false, files: { 'x.f': '-f x.f\n', 'a.v': GOOD }, args: ['check', '-f', 'x.f'], expect: exit(2) }),
  cli({ name: '256 KB random non-NUL bytes: seconds, not minutes', fromIssue: true, files: { 'r.v': { bytes: nonNul(randomBytes(256 << 10, 13)) } }, args: ['check', 'r.v'], bounds: { timeoutMs: 30_000 }, expect: all(exit(1), says(/r\.v:\d+:\d+: error/), says(/more syntax errors/)) }),
  cli({ name: 'a folder named like a source file', fromIssue: false, files: { 'd.v/x.txt': 'x' }, args: ['check', 'd.v'], expect: exit([1, 2]) }),
  cli({ name: 'a source file that does not exist', fromIssue: false, files: {}, args: ['check', 'missing.v'], expect: all(exit(2), says(/missing\.v/)) }),
  cli({ name: 'an unknown flag', fromIssue: false, files: { 'a.v': GOOD }, args: ['check', '--no-such-flag', 'a.v'], expect: exit(2) }),
  cli({ name: 'ppa-lens.json that is not JSON', fromIssue: false, files: { 'ppa-lens.json': '{"top": ', 'a.v': GOOD }, args: ['check', 'a.v'], expect: all(exit(2), says(/ppa-lens\.json/)) }),
  cli({ name: 'a 1 MB identifier on one line', fromIssue: false, files: { 'a.v': `module m(input a, output y); wire ${'x'.repeat(1 << 20)}; assign y = a; endmodule\n` }, args: ['check', 'a.v'], expect: exit([0, 1]) }),
  cli({ name: 'ifdef nested 10k deep', fromIssue: false, files: { 'a.v': `${'`ifdef X\n'.repeat(10_000)}${'`endif\n'.repeat(10_000)}${GOOD}` }, args: ['check', 'a.v'], expect: exit([0, 1]) }),
  cli({ name: 'unterminated block comment', fromIssue: false, files: { 'a.v': `${GOOD}/* never closed\nmodule n; endmodule\n` }, args: ['check', 'a.v'], expect: exit([0, 1]) }),
  cli({ name: 'a UTF-16 file with a BOM', fromIssue: false, files: { 'a.v': { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]) } }, args: ['check', 'a.v'], expect: exit([1, 2]) }),
];

// ---------------------------------------------------------------- language-server cases

const LSP_BOUNDS: Bounds = { timeoutMs: 60_000, memMb: 1536 };

interface LspCase {
  name: string;
  fromIssue: boolean;
  files: Record<string, FileSpec>;
  bounds?: Partial<Bounds>;
  trusted?: boolean;
  /** Undefined when the server behaved; else the problem. `s` is initialized already. */
  script(s: RawLsp, dir: string): Promise<string | undefined>;
  /** The server is expected to exit on its own (protocol abuse) with a non-zero status. */
  expectExit?: boolean;
}

const uri = (p: string) => `file://${p}`;

function lsp(c: LspCase): Case {
  const bounds = { ...LSP_BOUNDS, ...c.bounds };
  return {
    name: c.name,
    fromIssue: c.fromIssue,
    bounds,
    async run(dir) {
      layout(dir, c.files);
      const ws = path.join(dir, 'ws');
      mkdirSync(ws, { recursive: true });
      const s = new RawLsp({ cwd: ws, bounds });
      const init = await s.initialize(ws, { workspaceTrusted: c.trusted ?? true });
      let problem = init ? undefined : 'no answer to initialize';
      if (!problem) problem = await c.script(s, ws).catch((e: unknown) => `script threw ${String(e)}`);
      // the server's own log, for a failing case
      if (problem && !c.expectExit) {
        const logs = s.notifications.filter((n) => n.method === 'window/logMessage').slice(-3).map((n) => String((n.params as { message?: string }).message ?? '').slice(0, 200));
        if (logs.length) problem += ` [server log: ${logs.join(' | ')}]`;
      }
      if (c.expectExit) {
        const e = await Promise.race([s.dog.exited, new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000))]);
        if (!e) problem ??= 'still running 10 s after a malformed message';
        else if (e.code === 0 && !problem) problem = 'exited with status 0';
      }
      const r = await s.close();
      if (!c.expectExit && !problem && r.code !== 0 && !r.killed) problem = `exit ${r.code} ${r.signal ?? ''}: ${s.stderr.slice(-300)}`;
      if (/Maximum call stack|heap out of memory|FATAL ERROR/.test(s.stderr)) problem ??= `crashed: ${firstLine(s.stderr, /Maximum call stack|heap out of memory|FATAL ERROR/)}`;
      return { code: r.code, ms: r.ms, peakMb: r.peakMb, killed: r.killed, problem: r.killed ? `killed by the watchdog (${r.killed})` : problem, detail: details.get(s) };
    },
  };
}

/** Opens `text` as `file`; returns its uri. */
function open(s: RawLsp, file: string, text: string): string {
  const u = uri(file);
  s.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'verilog', version: 1, text } });
  return u;
}

/** Asks for workspace symbols matching `q`; the names, or a problem string. */
async function symbols(s: RawLsp, q: string, timeoutMs = 30_000): Promise<string[] | string> {
  const t0 = performance.now();
  const r = await s.request('workspace/symbol', { query: q }, timeoutMs);
  if (!r) return `no answer to workspace/symbol in ${Math.round(performance.now() - t0)} ms`;
  return ((r.result ?? []) as Array<{ name: string }>).map((x) => x.name);
}

/** The server answers a small request within `ms`. */
async function answers(s: RawLsp, ws: string, ms: number): Promise<string | undefined> {
  const u = open(s, path.join(ws, 'probe.v'), GOOD);
  const t0 = performance.now();
  const r = await s.request('textDocument/documentSymbol', { textDocument: { uri: u } }, ms);
  const took = Math.round(performance.now() - t0);
  if (!r) return `no answer to documentSymbol within ${ms} ms`;
  const names = ((r.result ?? []) as Array<{ name: string }>).map((x) => x.name);
  return names.includes('good') ? undefined : `documentSymbol answered ${JSON.stringify(names)} after ${took} ms`;
}

/** The messages of the first diagnostics published for `file` (a path ending), or a problem string. */
async function diagnosticsFor(s: RawLsp, file: string, timeoutMs = 15_000): Promise<string[] | string> {
  const d = await s.waitFor((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as { uri: string }).uri.endsWith(file), timeoutMs);
  if (!d) return `no diagnostics for ${file}`;
  return ((d.params as { diagnostics?: Array<{ message: string }> }).diagnostics ?? []).map((x) => x.message);
}

/** Undefined when no module named like `q` reached the index (asked once the workspace is indexed: `good` is there). */
async function notIndexed(s: RawLsp, q: string, why: string): Promise<string | undefined> {
  const first = await symbols(s, 'good');
  if (typeof first === 'string') return first;
  const r = await symbols(s, q);
  if (typeof r === 'string') return r;
  return r.some((n) => n.includes(q)) ? why : undefined;
}

/** A quiet moment, for a case that sent something the server must survive. */
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Hover on `big.v`'s first register (an estimate paragraph comes with it). */
const hoverBig = (s: RawLsp, u: string, timeoutMs = 30_000) => s.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 2, character: 24 } }, timeoutMs);

/** The $/progress notifications of the estimate ("PPA Lens") after `since`, by kind. */
function estimateProgress(s: RawLsp, since: number): { token?: unknown; begin?: number; end?: number; cancellable?: boolean } {
  const mine = s.notifications.filter((n) => n.method === '$/progress' && n.at >= since);
  const begin = mine.find((n) => (n.params as { value?: { kind?: string; title?: string } }).value?.title === 'PPA Lens');
  if (!begin) return {};
  const token = (begin.params as { token: unknown }).token;
  const end = mine.find((n) => (n.params as { token: unknown }).token === token && (n.params as { value?: { kind?: string } }).value?.kind === 'end');
  return { token, begin: begin.at, end: end?.at, cancellable: (begin.params as { value: { cancellable?: boolean } }).value.cancellable };
}

/** Notes a figure of the case for the table. */
const details = new WeakMap<RawLsp, string>();
const detail = (s: RawLsp, text: string) => details.set(s, text);

const logs = (s: RawLsp) => s.notifications.filter((n) => n.method === 'window/logMessage').map((n) => String((n.params as { message?: string }).message ?? ''));

const lspCases: Case[] = [
  lsp({ name: 'lsp: symlink to /dev/zero in the workspace, not opened', fromIssue: true, files: { 'ws/zero.v': { symlink: '/dev/zero' }, 'ws/ppa-lens.json': '{"files": ["zero.v", "a.v"]}', 'ws/a.v': GOOD }, script: async (s, ws) => {
    const r = await symbols(s, 'good');
    if (typeof r === 'string') return r;
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: symlink to /dev/zero in a scanned workspace', fromIssue: false, files: { 'ws/rtl/zero.v': { symlink: '/dev/zero' }, 'ws/rtl/zero2.sv': { symlink: '/dev/urandom' }, 'ws/a.v': GOOD }, script: async (s, ws) => {
    const r = await symbols(s, 'good');
    if (typeof r === 'string') return r;
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: processModel /dev/zero in ppa-lens.json', fromIssue: true, files: { 'ws/ppa-lens.json': '{"processModel": "/dev/zero"}', 'ws/a.v': GOOD }, script: async (s, ws) => {
    const u = open(s, path.join(ws, 'a.v'), GOOD);
    const r = await s.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 8 } }, 15_000);
    if (!r) return 'no hover answer';
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: FIFO in the workspace', fromIssue: false, files: { 'ws/fifo.v': { fifo: true }, 'ws/a.v': GOOD }, script: async (s, ws) => answers(s, ws, 15_000) }),
  lsp({ name: 'lsp: include /dev/zero in an open file', fromIssue: true, files: {}, script: async (s, ws) => {
    open(s, path.join(ws, 'z.v'), '`include "/dev/zero"\n' + GOOD);
    const d = await diagnosticsFor(s, 'z.v');
    if (typeof d === 'string') return d;
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: include /proc/self/environ in an open file echoes nothing', fromIssue: false, files: {}, script: async (s, ws) => {
    open(s, path.join(ws, 'e.v'), '`include "/proc/self/environ"\n' + GOOD);
    const d = await diagnosticsFor(s, 'e.v');
    if (typeof d === 'string') return d;
    const all = d.join(' | ');
    const leaked = Object.keys(process.env).find((k) => k.length > 2 && all.includes(k));
    return leaked ? `a diagnostic echoes the environment (${leaked}): ${all.slice(0, 160)}` : undefined;
  } }),
  lsp({ name: 'lsp: config files outside the workspace are not read (trusted)', fromIssue: true, files: { 'out/secret.v': 'module secret_outside; endmodule\n', 'ws/ppa-lens.json': '{"files": ["../out/secret.v", "/etc/passwd"]}', 'ws/a.v': GOOD }, script: async (s) => notIndexed(s, 'secret', 'indexed a module from outside the workspace') }),
  lsp({ name: 'lsp: filelists naming /etc/shadow and an outside file (trusted)', fromIssue: true, files: { 'out/secret.v': 'module secret_outside; endmodule\n', 'ws/x.f': '/etc/shadow\n/etc/passwd\n../out/secret.v\n', 'ws/ppa-lens.json': '{"filelists": ["x.f"]}', 'ws/a.v': GOOD }, script: async (s) =>
    (await notIndexed(s, 'secret', 'a filelist brought in a module from outside the workspace')) ?? (/root:|daemon:/.test(JSON.stringify(s.notifications)) ? 'the content of /etc/passwd reached the client' : undefined) }),
  lsp({ name: 'lsp: untrusted workspace ignores filelists', fromIssue: true, trusted: false, files: { 'out/secret.v': 'module secret_outside; endmodule\n', 'ws/x.f': '../out/secret.v\n', 'ws/ppa-lens.json': '{"filelists": ["x.f"]}', 'ws/a.v': GOOD }, script: async (s) => notIndexed(s, 'secret', 'an untrusted workspace read a filelist') }),
  lsp({ name: 'lsp: untrusted workspace ignores files named in ppa-lens.json', fromIssue: true, trusted: false, files: { 'out/secret.v': 'module secret_outside; endmodule\n', 'ws/ppa-lens.json': '{"files": ["../out/secret.v", "a.v"]}', 'ws/a.v': GOOD }, script: async (s) => notIndexed(s, 'secret', 'an untrusted workspace read a file named in ppa-lens.json') }),
  lsp({ name: 'lsp: include outside the workspace is refused', fromIssue: true, files: { 'out/s.vh': 'wire from_outside;\n' }, script: async (s, ws) => {
    open(s, path.join(ws, 'i.v'), '`include "../out/s.vh"\n' + GOOD);
    const d = await diagnosticsFor(s, 'i.v');
    if (typeof d === 'string') return d;
    return d.some((m) => /outside/.test(m)) ? undefined : `no "outside" diagnostic: ${d.join(' | ').slice(0, 200)}`;
  } }),
  lsp({ name: 'lsp: a workspace folder added later is indexed, under the same rules', fromIssue: false, files: { 'ws2/late.v': 'module late_module(input a, output y); assign y = a; endmodule\n', 'ws2/ppa-lens.json': '{"files": ["late.v", "../out/secret.v"]}', 'out/secret.v': 'module secret_outside; endmodule\n', 'ws/a.v': GOOD }, script: async (s, ws) => {
    const first = await symbols(s, 'good');
    if (typeof first === 'string') return first;
    const ws2 = path.join(path.dirname(ws), 'ws2');
    s.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uri(ws2), name: 'ws2' }], removed: [] } });
    for (let i = 0; i < 50; i++) {
      const r = await symbols(s, 'late_module');
      if (typeof r === 'string') return r;
      if (r.includes('late_module')) return notIndexed(s, 'secret', "the added folder's ppa-lens.json brought in a file from outside every folder");
      await pause(200);
    }
    return 'late_module of the added folder was never indexed';
  } }),
  lsp({ name: 'lsp: didOpen of a 20 MB document: a located refusal at once', fromIssue: true, files: {}, bounds: { memMb: 1536 }, script: async (s, ws) => {
    const t0 = performance.now();
    open(s, path.join(ws, 'huge.v'), hugeModule(20 << 20));
    const d = await diagnosticsFor(s, 'huge.v', 10_000);
    if (typeof d === 'string') return d;
    const ms = performance.now() - t0;
    if (!d.some((m) => /larger than/.test(m))) return `no refusal: ${d.join(' | ').slice(0, 200)}`;
    if (ms > 5_000) return `the refusal took ${Math.round(ms)} ms`;
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: 2,000 didChange on a 5k-line file, then hover: one analysis', fromIssue: true, files: {}, bounds: { timeoutMs: 90_000 }, script: async (s, ws) => {
    const u = open(s, path.join(ws, 'big.v'), lines5k());
    await s.request('textDocument/documentSymbol', { textDocument: { uri: u } }, 30_000);
    // one edit and a hover: the time of one analysis (reparse, lowering, estimate) on this machine now
    let t0 = performance.now();
    s.notify('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ range: { start: { line: 3, character: 2 }, end: { line: 3, character: 2 } }, text: ' ' }] });
    if (!(await hoverBig(s, u))) return 'no hover answer after one edit';
    const one = performance.now() - t0;
    for (let v = 3; v <= 2002; v++) {
      const line = 1 + (v % 4000);
      s.notify('textDocument/didChange', { textDocument: { uri: u, version: v }, contentChanges: [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: v % 2 ? ' ' : '' }] });
    }
    t0 = performance.now();
    const r = await hoverBig(s, u);
    const ms = performance.now() - t0;
    if (!r) return 'no hover answer within 30 s';
    detail(s, `hover after the burst ${Math.round(ms)} ms, after one edit ${Math.round(one)} ms`);
    return ms > 2 * one + 1_000 ? `hover after the burst took ${Math.round(ms)} ms, one analysis ${Math.round(one)} ms` : undefined;
  } }),
  lsp({ name: 'lsp: $/cancelRequest of a request waiting behind long work', fromIssue: false, files: {}, script: async (s, ws) => {
    // the open keeps the server busy (parse and lowering of 5k lines); the hover and its cancel wait behind it
    const u = open(s, path.join(ws, 'big.v'), lines5k());
    const cancelled = hoverBig(s, u);
    s.notify('$/cancelRequest', { id: s.lastRequestId });
    const after = await s.request('textDocument/documentSymbol', { textDocument: { uri: u } }, 30_000);
    const c = await cancelled;
    if (!after || !Array.isArray(after.result)) return `no documentSymbol answer after the cancel: ${JSON.stringify(after).slice(0, 120)}`;
    const code = (c?.error as { code?: number } | undefined)?.code;
    return code === -32800 ? undefined : `the cancelled hover was answered: ${JSON.stringify(c).slice(0, 120)}`;
  } }),
  lsp({ name: 'lsp: work-done progress of a long estimate reaches the client before the work ends', fromIssue: false, files: {}, script: async (s, ws) => {
    await symbols(s, 'x');
    await pause(500); // the first (empty) estimate run is over
    const since = performance.now();
    const u = open(s, path.join(ws, 'big.v'), lines5k());
    await s.waitFor(() => estimateProgress(s, since).end !== undefined, 30_000);
    const p = estimateProgress(s, since);
    if (p.begin === undefined || p.end === undefined) return 'no work-done progress for the estimate of a 5k-line design';
    if (!p.cancellable) return 'the estimate progress is not cancellable';
    if (p.end - p.begin < 50) return `begin and end reached the client together (${Math.round(p.end - p.begin)} ms apart): the work ran before the begin was sent`;
    return (await hoverBig(s, u)) ? undefined : 'no hover answer';
  } }),
  lsp({ name: 'lsp: cancelling the estimate progress drops the run; a request still gets the estimate', fromIssue: false, files: {}, script: async (s, ws) => {
    await symbols(s, 'x');
    await pause(500);
    s.onServerRequest = (method, params) => {
      if (method === 'window/workDoneProgress/create') s.notify('window/workDoneProgress/cancel', { token: (params as { token: unknown }).token });
    };
    const u = open(s, path.join(ws, 'big.v'), lines5k());
    const seen = await s.waitFor(() => logs(s).some((m) => /estimate: cancelled by the client/.test(m)), 30_000);
    s.onServerRequest = undefined;
    if (!seen) {
      const trail = s.notifications.filter((n) => n.method.includes('rogress')).map((n) => `${n.method}:${JSON.stringify(n.params).slice(-40)}`);
      return `the cancel was not honoured: ${logs(s).slice(-2).join(' | ')} [progress: ${trail.join(' ; ')}]`;
    }
    const r = await hoverBig(s, u);
    return /Estimate/.test(JSON.stringify(r ?? {})) ? undefined : `no estimate in the hover after the cancel: ${JSON.stringify(r).slice(0, 160)}`;
  } }),
  lsp({ name: 'lsp: garbage header', fromIssue: true, files: {}, expectExit: true, script: async (s) => {
    s.raw('\x00\xffGARBAGE\r\nX-Nonsense\r\n\r\n{}{}{}');
    await pause(500);
    return undefined;
  } }),
  lsp({ name: 'lsp: wrong Content-Length', fromIssue: true, files: {}, expectExit: true, script: async (s) => {
    s.raw('Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","id":99,"method":"textDocument/hover","params":{}}');
    await pause(500);
    return undefined;
  } }),
  lsp({ name: 'lsp: non-numeric Content-Length', fromIssue: false, files: {}, expectExit: true, script: async (s) => {
    s.raw('Content-Length: lots\r\n\r\n{}');
    await pause(500);
    return undefined;
  } }),
  lsp({ name: 'lsp: 100k-always generate open in the editor stays responsive', fromIssue: true, files: {}, bounds: { timeoutMs: 90_000 }, script: async (s, ws) => {
    open(s, path.join(ws, 'g.v'), manyAlways(100_000));
    await pause(3_000); // the estimate of the design is due or running
    return answers(s, ws, 15_000);
  } }),
  lsp({ name: 'lsp: random bytes document', fromIssue: true, files: {}, script: async (s, ws) => {
    open(s, path.join(ws, 'r.v'), randomBytes(256 << 10, 3).toString('latin1'));
    return answers(s, ws, 20_000);
  } }),
  lsp({ name: 'lsp: cancelRequest and unknown notifications', fromIssue: false, files: {}, script: async (s, ws) => {
    s.notify('$/cancelRequest', { id: 12345 });
    s.notify('$/noSuchThing', { x: 1 });
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: an unknown request, a change to a document never opened, an untitled document', fromIssue: false, files: {}, script: async (s, ws) => {
    const r = await s.request('ppaLens/noSuchRequest', {}, 10_000);
    if (!r || !r.error) return `an unknown request got ${JSON.stringify(r)}`;
    s.notify('textDocument/didChange', { textDocument: { uri: uri(path.join(ws, 'never.v')), version: 2 }, contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 9, character: 0 } }, text: 'x' }] });
    s.notify('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'verilog', version: 1, text: GOOD } });
    return answers(s, ws, 10_000);
  } }),
  lsp({ name: 'lsp: positions far outside the document', fromIssue: false, files: {}, script: async (s, ws) => {
    const u = open(s, path.join(ws, 'p.v'), GOOD);
    const r = await s.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 1_000_000, character: -5 } }, 10_000);
    if (!r || r.error) return `hover far outside: ${JSON.stringify(r).slice(0, 120)}`;
    s.notify('textDocument/didChange', { textDocument: { uri: u, version: 2 }, contentChanges: [{ range: { start: { line: 99, character: 99 }, end: { line: 2, character: 0 } }, text: '// x\n' }] });
    return answers(s, ws, 10_000);
  } }),
];

export const CASES: Case[] = [...cliCases, ...lspCases];
