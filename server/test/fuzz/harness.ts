/**
 * Runs one hostile case in a child process under a watchdog: a wall-clock bound and a peak-memory
 * bound (the child's VmHWM from /proc, polled; V8's heap is also capped with --max-old-space-size).
 * A child that crosses either bound is killed, so a regression fails its test instead of taking the
 * machine down. (`ulimit -v` is not used: the grammar's wasm memory reserves far more address space
 * than it touches, so a virtual-memory cap kills healthy runs.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The build under test: dist/ of this tree, or FUZZ_DIST (e.g. another checkout's dist/ for a before/after table). */
export const DIST = process.env.FUZZ_DIST ? path.resolve(process.env.FUZZ_DIST) : path.join(REPO_ROOT, 'dist');

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  /** Peak resident memory of the child, MB (VmHWM at the last poll before it ended). */
  peakMb: number;
  /** Why the watchdog killed the child, if it did. */
  killed?: 'time' | 'memory';
  stdout: string;
  stderr: string;
}

export interface Bounds {
  timeoutMs: number;
  memMb: number;
}

function vmHwmMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Watches a child: samples its peak memory every 50 ms and kills it past a bound. */
export class Watchdog {
  peakMb = 0;
  killed?: 'time' | 'memory';
  readonly start = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly deadline: NodeJS.Timeout;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }>;

  constructor(
    readonly child: ChildProcess,
    bounds: Bounds,
  ) {
    this.timer = setInterval(() => {
      if (!child.pid) return;
      this.peakMb = Math.max(this.peakMb, vmHwmMb(child.pid));
      if (this.peakMb > bounds.memMb && !this.killed) {
        this.killed = 'memory';
        child.kill('SIGKILL');
      }
    }, 50);
    this.deadline = setTimeout(() => {
      if (!this.killed) this.killed = 'time';
      child.kill('SIGKILL');
    }, bounds.timeoutMs);
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        clearInterval(this.timer);
        clearTimeout(this.deadline);
        resolve({ code, signal, ms: Math.round(performance.now() - this.start) });
      });
    });
  }

  /** Samples once more (a process that is still running). */
  sample(): void {
    if (this.child.pid) this.peakMb = Math.max(this.peakMb, vmHwmMb(this.child.pid));
  }
}

function nodeArgs(memMb: number): string[] {
  // The V8 heap cap sits below the watchdog's bound so a runaway heap dies as "out of memory", not as a killed machine.
  return [`--max-old-space-size=${Math.max(128, Math.floor(memMb * 0.75))}`, '--stack-size=984'];
}

/** `ppa-lens <args>` in `cwd` under the bounds. */
export async function runCli(args: string[], opts: { cwd: string; env?: Record<string, string>; bounds: Bounds }): Promise<RunResult> {
  const child = spawn(process.execPath, [...nodeArgs(opts.bounds.memMb), path.join(DIST, 'cli.js'), ...args], {
    cwd: opts.cwd,
    // The case's variables first: a leak of the environment's first entry (/proc/self/environ) shows them.
    env: { ...opts.env, ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const dog = new Watchdog(child, opts.bounds);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout.length < 1 << 20 ? (stdout += d.toString()) : undefined));
  child.stderr!.on('data', (d: Buffer) => (stderr.length < 1 << 20 ? (stderr += d.toString()) : undefined));
  const { code, signal, ms } = await dog.exited;
  return { code, signal, ms, peakMb: Math.round(dog.peakMb), killed: dog.killed, stdout, stderr };
}

/** A raw LSP connection to `dist/server.js --stdio`: framed messages, and raw bytes for protocol abuse. */
export class RawLsp {
  readonly child: ChildProcess;
  readonly dog: Watchdog;
  private buf = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (msg: Record<string, unknown>) => void>();
  readonly notifications: Array<{ method: string; params: unknown; at: number }> = [];
  private readonly waiters: Array<() => void> = [];
  stderr = '';
  /** Called right after the answer to a request from the server (window/workDoneProgress/create, say) is sent. */
  onServerRequest?: (method: string, params: unknown) => void;
  /** The id of the last request sent (to cancel it). */
  get lastRequestId(): number {
    return this.nextId - 1;
  }

  constructor(opts: { cwd: string; bounds: Bounds; env?: Record<string, string>; nodeArgs?: string[] }) {
    this.child = spawn(process.execPath, [...nodeArgs(opts.bounds.memMb), ...(opts.nodeArgs ?? []), path.join(DIST, 'server.js'), '--stdio'], {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.dog = new Watchdog(this.child, opts.bounds);
    this.child.stdin!.on('error', () => undefined);
    this.child.stderr!.on('data', (d: Buffer) => (this.stderr.length < 1 << 16 ? (this.stderr += d.toString()) : undefined));
    this.child.stdout!.on('data', (d: Buffer) => this.onData(d));
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private onData(d: Buffer): void {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buf.subarray(0, end).toString('ascii'));
      const len = m ? Number(m[1]) : 0;
      if (this.buf.length < end + 4 + len) return;
      const body = this.buf.subarray(end + 4, end + 4 + len).toString('utf8');
      this.buf = this.buf.subarray(end + 4 + len);
      const msg = JSON.parse(body) as Record<string, unknown>;
      if (typeof msg.id === 'number' && ('result' in msg || 'error' in msg)) this.pending.get(msg.id)?.(msg);
      else if (typeof msg.method === 'string') {
        if (typeof msg.id === 'number' || typeof msg.id === 'string') {
          this.write({ jsonrpc: '2.0', id: msg.id, result: null });
          this.onServerRequest?.(msg.method, msg.params);
        }
        this.notifications.push({ method: msg.method, params: msg.params, at: performance.now() });
        this.waiters.splice(0).forEach((w) => w());
      }
    }
  }

  raw(bytes: string | Buffer): void {
    if (this.alive) this.child.stdin!.write(bytes);
  }

  write(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.raw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** A request; resolves with the whole response message, or undefined after `timeoutMs`. */
  request(method: string, params: unknown, timeoutMs = 30_000): Promise<Record<string, unknown> | undefined> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.pending.delete(id);
        resolve(undefined);
      }, timeoutMs);
      this.pending.set(id, (m) => {
        clearTimeout(t);
        this.pending.delete(id);
        resolve(m);
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Waits for a notification matching `pred`, up to `timeoutMs`. */
  async waitFor(pred: (n: { method: string; params: unknown; at: number }) => boolean, timeoutMs: number): Promise<{ method: string; params: unknown; at: number } | undefined> {
    const end = performance.now() + timeoutMs;
    for (;;) {
      const hit = this.notifications.find(pred);
      if (hit) return hit;
      const left = end - performance.now();
      if (left <= 0 || !this.alive) return undefined;
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  async initialize(rootDir: string, initializationOptions?: unknown): Promise<Record<string, unknown> | undefined> {
    const uri = `file://${rootDir}`;
    const r = await this.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: path.basename(rootDir) }],
        capabilities: { workspace: { configuration: false, workspaceFolders: true }, window: { workDoneProgress: true } },
        initializationOptions,
      },
      60_000,
    );
    this.notify('initialized', {});
    return r;
  }

  /** Ends the server politely, then by force; returns the run's figures. */
  async close(): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number; peakMb: number; killed?: 'time' | 'memory' }> {
    if (this.alive) {
      await this.request('shutdown', null, 5_000);
      this.notify('exit', null);
      setTimeout(() => this.alive && this.child.kill('SIGKILL'), 5_000).unref();
    }
    const e = await this.dog.exited;
    return { ...e, peakMb: Math.round(this.dog.peakMb), killed: this.dog.killed };
  }
}
