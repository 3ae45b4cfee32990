/**
 * One ElaboratedModule -> its OpGraph. Demand-driven: lowering starts from what synthesis keeps
 * (output ports, flop inputs that are read, instance inputs, memory writes) and pulls in the
 * continuous assignments and combinational blocks they read, so logic nothing reads is never
 * lowered, as `opt_clean` would remove it.
 *
 * Clocked blocks are executed symbolically: each register's next value becomes a mux tree (an `if`
 * is a 2:1 mux, a `case` a parallel mux over its distinct values), a branch that keeps the old value
 * is an enable, a leading asynchronous-reset branch is the flop's reset pin. Never throws on odd
 * input: unknown constructs become `unknown` source nodes.
 */
import type { EExpr, EFunction, ElaboratedModule, ENet, EProcess, EStmt, Loc } from '../../semantic/index';
import { operandsOf } from '../../semantic/elaborate/operands';
import { GraphBuilder, mask } from './builder';
import { arith, buildExprNode, mux2, truth, type GraphExprEnv } from './lower-expr';
import { dataSig, extractEnable } from './feedback';
import type { OpGraph } from './types';
import { MAX_NESTING_DEPTH } from '../../base/limits';

/** Values of variables during symbolic execution: blocking (`cur`) and non-blocking (`next`). */
interface Frame {
  cur: Map<number, number>;
  next: Map<number, number>;
}

interface MemWrite {
  addr: number;
  data: number;
  en: number;
}

/** Deepest nesting of `net()` before the nets below are resolved bottom-up (see `resolveBelow`). */
const MAX_NET_DEPTH = 200;

const copyFrame = (f: Frame): Frame => ({ cur: new Map(f.cur), next: new Map(f.next) });

export function buildOperatorGraph(m: ElaboratedModule): OpGraph {
  return new ModuleLowering(m).run();
}

class ModuleLowering {
  readonly b: GraphBuilder;
  /** Drivers of each net from continuous assigns, comb blocks and instance outputs (lazy). */
  private drivers = new Map<number, Array<() => void>>();
  private pieces = new Map<number, Array<{ at: number; width: number; node: number }>>();
  private netValue = new Map<number, number>();
  private inProgress = new Set<number>();
  private regs = new Map<number, number>();
  /**
   * Per register: the bits each clocked block writes and that block's D. Several blocks may write
   * disjoint bits of one register (a generate loop with an `always` per bit); finishRegisters()
   * joins them once all blocks are lowered, each bit from the last block that writes it.
   */
  private regBlocks = new Map<number, Array<{ bits: Array<[number, number]>; d: number; sig: number }>>();
  /** Bits the clocked block being lowered writes, per net: [offset, width] ranges. */
  private writes?: Map<number, Array<[number, number]>>;
  private mems = new Map<number, number>();
  private memWrites = new Map<number, MemWrite[]>();
  private memReads = new Map<number, number>();
  /** Lowering the asynchronous-reset branch of a clocked block (its memory writes are reset values). */
  private inAsyncReset = false;
  private fnDepth = 0;
  /** Right-hand sides of the continuous assignments driving each net (for `resolveBelow`). */
  private assignReads = new Map<number, EExpr[]>();
  /** Nesting of `net()` calls. */
  private netDepth = 0;

  constructor(private readonly m: ElaboratedModule) {
    this.b = new GraphBuilder(m.name, m.key);
  }

  run(): OpGraph {
    const m = this.m;
    const g = this.b.graph;
    for (const pid of m.ports) {
      const net = m.nets[pid];
      if (net?.direction === 'input') {
        const id = this.b.add('input', net.width, [], net.nameLoc, `input ${net.name}`, { net: pid, sig: net.width, signed: false });
        this.netValue.set(pid, id);
        g.inputs.set(net.name, id);
      }
    }
    // registers and memories: every variable a clocked block assigns
    const ff: Array<EProcess & { kind: 'always' }> = [];
    const clockNets = new Set<number>();
    for (const p of m.processes) {
      if (p.kind === 'always' && p.flavor === 'ff') {
        ff.push(p);
        if (p.clock) {
          g.clocks.add(m.nets[p.clock.net]?.name ?? 'clk');
          clockNets.add(p.clock.net);
        }
        for (const net of assignedNets(p.body)) this.declareState(net, p);
      }
    }
    // drivers of combinational values, lowered on demand
    m.processes.forEach((p, i) => {
      if (p.kind === 'assign')
        for (const net of lvalueNets(p.lhs)) {
          this.addDriver(net, () => this.lowerAssign(p));
          const list = this.assignReads.get(net) ?? [];
          list.push(p.rhs);
          this.assignReads.set(net, list);
        }
      else if (p.flavor !== 'ff') {
        let done = false;
        const outs = [...assignedNets(p.body)].filter((n) => !this.regs.has(n));
        const run = () => {
          if (done) return;
          done = true;
          // reads of the block's own outputs before they are assigned are cut as loops
          for (const n of outs) this.inProgress.add(n);
          this.lowerComb(p, i);
          for (const n of outs) this.inProgress.delete(n);
        };
        for (const net of outs) this.addDriver(net, run);
      }
    });
    const instOuts = this.declareInstances();
    // roots
    for (const p of ff) this.lowerClocked(p);
    this.finishRegisters();
    for (const pid of m.ports) {
      const net = m.nets[pid];
      if (net && net.direction !== 'input') g.outputs.set(net.name, this.net(pid));
    }
    this.connectInstances(instOuts);
    this.finishMemories();
    // what drives each clock net that is not a port (a gated or divided clock), for timing to trace
    for (const id of clockNets) {
      const net = m.nets[id];
      const sources = (g.clockSources ??= new Map());
      if (net && net.direction !== 'input' && !sources.has(net.name)) sources.set(net.name, this.net(id));
    }
    return g;
  }

  // ------------------------------------------------------------------ nets

  private addDriver(net: number, f: () => void): void {
    const list = this.drivers.get(net) ?? [];
    list.push(f);
    this.drivers.set(net, list);
  }

  private drive(net: number, at: number, width: number, node: number): void {
    const list = this.pieces.get(net) ?? [];
    list.push({ at, width, node });
    this.pieces.set(net, list);
  }

  /**
   * A chain of continuous assignments as long as the design (195k wires, each the inverse of the
   * previous) would nest `net()` that deep and overflow the stack. Past MAX_NET_DEPTH the nets the
   * current one reads through assignments are resolved first, bottom-up, from an explicit stack, so
   * each is lowered with its inputs already known. Still demand-driven: only nets reachable from
   * the demanded one are visited.
   */
  private resolveBelow(id: number): void {
    const order: number[] = [];
    const seen = new Set<number>([id]);
    const stack: Array<{ net: number; deps: number[]; next: number }> = [{ net: id, deps: this.assignDeps(id), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.deps.length) {
        const d = top.deps[top.next++];
        if (seen.has(d) || this.netValue.has(d) || this.regs.has(d) || this.inProgress.has(d)) continue;
        seen.add(d);
        stack.push({ net: d, deps: this.assignDeps(d), next: 0 });
      } else {
        stack.pop();
        if (top.net !== id) order.push(top.net);
      }
    }
    const depth = this.netDepth;
    this.netDepth = 0;
    try {
      for (const n of order) this.net(n);
    } finally {
      this.netDepth = depth;
    }
  }

  /** The nets read by the assignments that drive `id`. */
  private assignDeps(id: number): number[] {
    const out: number[] = [];
    const stack: EExpr[] = [...(this.assignReads.get(id) ?? [])];
    while (stack.length > 0) {
      const e = stack.pop()!;
      if (e.op === 'net' || e.op === 'select') out.push(e.net);
      else stack.push(...operandsOf(e));
    }
    return out;
  }

  /** The node carrying a net's value (module scope). */
  net(id: number): number {
    const hit = this.netValue.get(id);
    if (hit !== undefined) return hit;
    if (this.netDepth >= MAX_NET_DEPTH && this.assignReads.has(id)) this.resolveBelow(id);
    this.netDepth++;
    try {
      return this.netUncached(id);
    } finally {
      this.netDepth--;
    }
  }

  private netUncached(id: number): number {
    const hit = this.netValue.get(id);
    if (hit !== undefined) return hit;
    const net = this.m.nets[id];
    const b = this.b;
    if (!net) return b.add('unknown', 1, [], this.m.loc, `net #${id}`);
    const reg = this.regs.get(id);
    if (reg !== undefined) return reg;
    if (this.inProgress.has(id)) {
      // a combinational loop (or a net read while its own driver is lowered): cut it here
      return b.add('wire', net.width, [], net.nameLoc, `loop ${net.name}`);
    }
    this.inProgress.add(id);
    for (const d of this.drivers.get(id) ?? []) d();
    this.drivers.delete(id);
    this.inProgress.delete(id);
    const pieces = this.pieces.get(id) ?? [];
    let v: number;
    if (pieces.length === 1 && pieces[0].at === 0 && pieces[0].width === net.width) v = pieces[0].node;
    else if (pieces.length === 0) v = net.isVariable || net.direction !== undefined ? b.add('unknown', net.width, [], net.nameLoc, `undriven ${net.name}`) : b.constant(0n, net.width, net.nameLoc);
    else {
      // pieces placed side by side, gaps undriven (zero)
      const sorted = [...pieces].sort((x, y) => x.at - y.at);
      const parts: number[] = [];
      let pos = 0;
      for (const p of sorted) {
        if (p.at < pos) continue;
        if (p.at > pos) parts.push(b.constant(0n, p.at - pos, net.nameLoc));
        parts.push(b.slice(p.node, 0, Math.min(p.width, b.node(p.node).width), net.nameLoc));
        pos = p.at + p.width;
      }
      if (pos < net.width) parts.push(b.constant(0n, net.width - pos, net.nameLoc));
      v = b.concat(parts, net.nameLoc);
    }
    this.netValue.set(id, v);
    return v;
  }

  private env(fnFrame?: { fn: EFunction; frame: Frame }): GraphExprEnv {
    return {
      b: this.b,
      fn: fnFrame?.fn,
      net: (id, fn) => {
        if (fn && fnFrame) {
          const v = fnFrame.frame.cur.get(id);
          if (v !== undefined) return v;
          const n = fn.nets[id];
          return this.b.constant(0n, n?.width ?? 1, n?.nameLoc ?? fn.loc);
        }
        return this.net(id);
      },
      memRead: (net, index, loc, width) => this.memRead(net, index, loc, width),
      call: (fn, args, loc) => this.call(fn, args, loc),
    };
  }

  // ------------------------------------------------------------------ state

  private declareState(id: number, p: EProcess & { kind: 'always' }): void {
    const net = this.m.nets[id];
    if (!net || this.regs.has(id) || this.mems.has(id)) return;
    const clock = p.clock ? this.m.nets[p.clock.net]?.name : undefined;
    if (net.dims.length > 0) {
      const words = net.dims.reduce((s, d) => s * d.size, 1);
      const mem = this.b.add('mem', net.width, [], net.nameLoc, `memory ${net.name} ${words}x${net.width}`, {
        net: id,
        n: words,
        mem: { words, wordWidth: net.width, writePorts: 0, readPorts: 0 },
        clock,
      });
      this.mems.set(id, mem);
      return;
    }
    const reg = this.b.add('reg', net.width, [], net.nameLoc, `reg ${net.name}`, { net: id, reset: !!p.reset, asyncReset: !!p.reset?.async, clock });
    this.regs.set(id, reg);
  }

  private memRead(netId: number, index: number, loc: Loc, width: number): number {
    const net = this.m.nets[netId];
    let mem = this.mems.get(netId);
    if (mem === undefined) {
      // an array nothing clocked writes: a ROM or a combinational array (its words are constants or
      // assigned elsewhere): a mux over its words
      const words = net ? net.dims.reduce((s, d) => s * d.size, 1) : 2;
      return this.b.add('mux', width, [index], loc, `array read ${net?.name ?? ''} [${words}:1]`, { n: words, selects: 1 });
    }
    const mn = this.b.node(mem);
    if (mn.mem) mn.mem.readPorts++;
    const ci = this.b.constValue(index);
    const what = ci !== undefined ? `read ${net?.name}[${ci}]` : `read ${net?.name} [${mn.n}:1]`;
    const id = this.b.add('mem-read', width, [mem, index], loc, what, { n: ci !== undefined ? 1 : mn.n, net: netId });
    this.memReads.set(id, netId);
    return id;
  }

  private finishMemories(): void {
    for (const [net, mem] of this.mems) {
      const writes = this.memWrites.get(net) ?? [];
      const n = this.b.node(mem);
      n.inputs = writes.flatMap((w) => [w.addr, w.data, w.en]);
      if (n.mem) n.mem.writePorts = writes.length;
    }
  }

  // ------------------------------------------------------------------ instances

  private declareInstances(): Array<Array<{ port: string; node: number; expr?: EExpr }>> {
    const b = this.b;
    return this.m.instances.map((inst, index) => {
      const outs: Array<{ port: string; node: number; expr?: EExpr }> = [];
      if (!inst.module) return outs;
      for (const c of inst.connections) {
        if (c.dir === 'input') continue;
        const node = b.add('inst-out', c.portWidth, [], c.loc, `${inst.name}.${c.port}`, { inst: { index, port: c.port } });
        outs.push({ port: c.port, node, expr: c.expr });
        if (c.expr) this.driveLvalue(c.expr, node);
      }
      return outs;
    });
  }

  private connectInstances(outs: Array<Array<{ port: string; node: number }>>): void {
    const b = this.b;
    const nets: Array<Map<string, string>> = (b.graph.instanceNets = []);
    const sources = (b.graph.clockSources ??= new Map());
    this.m.instances.forEach((inst, index) => {
      if (!inst.module) return;
      const ins: number[] = [];
      const tied = (nets[index] = new Map<string, string>());
      for (const c of inst.connections) {
        if (c.dir !== 'input') continue;
        // a port tied to a plain net: the name a child's clock domain takes here
        if (c.expr?.op === 'net') {
          const name = this.m.nets[c.expr.net]?.name;
          if (name !== undefined) tied.set(c.port, name);
        }
        const v = c.expr ? b.extend({ id: buildExprNode(c.expr, this.env()), signed: c.expr.signed }, c.portWidth, c.loc) : b.constant(0n, c.portWidth, c.loc);
        const tiedTo = tied.get(c.port);
        if (tiedTo !== undefined && c.portWidth === 1 && !sources.has(tiedTo)) sources.set(tiedTo, v);
        ins.push(b.add('inst-in', c.portWidth, [v], c.loc, `${inst.name}.${c.port}`, { inst: { index, port: c.port } }));
      }
      for (const o of outs[index] ?? []) b.node(o.node).inputs = ins;
    });
  }

  /** Registers an instance output (or any node) as the driver of an lvalue expression. */
  private driveLvalue(lhs: EExpr, node: number): void {
    const b = this.b;
    const parts = flattenLvalue(lhs);
    let pos = 0;
    for (const p of parts.reverse()) {
      const w = p.width;
      const at = pos;
      pos += w;
      const root = lvalueRoot(p);
      if (!root) continue;
      if (p.op === 'net') this.addDriver(root.net, () => this.drive(root.net, 0, w, b.slice(node, at, Math.min(w, b.node(node).width - at), p.loc)));
      else if (p.op === 'select') this.addDriver(root.net, () => this.drive(root.net, p.offset, w, b.slice(node, at, Math.min(w, b.node(node).width - at), p.loc)));
    }
  }

  // ------------------------------------------------------------------ continuous assignment

  private lowerAssign(p: EProcess & { kind: 'assign' }): void {
    const rhs = buildExprNode(p.rhs, this.env());
    const b = this.b;
    const parts = flattenLvalue(p.lhs).reverse();
    let pos = 0;
    const total = parts.reduce((s, x) => s + x.width, 0);
    const v = b.extend({ id: rhs, signed: p.rhs.signed }, total, p.loc);
    for (const part of parts) {
      const piece = b.slice(v, pos, part.width, part.loc);
      pos += part.width;
      if (part.op === 'net') this.drive(part.net, 0, part.width, piece);
      else if (part.op === 'select') this.drive(part.net, part.offset, part.width, piece);
    }
  }

  // ------------------------------------------------------------------ procedural blocks

  private lowerComb(p: EProcess & { kind: 'always' }, _index: number): void {
    const frame: Frame = { cur: new Map(), next: new Map() };
    this.exec(p.body, frame, undefined, { state: false });
    const assigned = new Set([...frame.cur.keys(), ...frame.next.keys()]);
    for (const net of assigned) {
      const n = this.m.nets[net];
      const v = frame.next.get(net) ?? frame.cur.get(net);
      if (n && v !== undefined && !this.regs.has(net)) this.drive(net, 0, n.width, v);
    }
  }

  private lowerClocked(p: EProcess & { kind: 'always' }): void {
    const frame: Frame = { cur: new Map(), next: new Map() };
    let body = p.body;
    // an asynchronous reset is the flops' reset pin, not logic in front of them; its values decide
    // which constant flops synthesis may remove
    let resetFrame: Frame | undefined;
    if (p.reset?.async && body.length === 1 && body[0].kind === 'if') {
      resetFrame = { cur: new Map(), next: new Map() };
      this.inAsyncReset = true;
      try {
        this.exec(body[0].then, resetFrame, undefined, { state: true });
      } finally {
        this.inAsyncReset = false;
      }
      body = body[0].else;
    }
    const writes = new Map<number, Array<[number, number]>>();
    this.writes = writes;
    try {
      this.exec(body, frame, undefined, { state: true });
    } finally {
      this.writes = undefined;
    }
    for (const [net, reg] of this.regs) {
      const d = frame.next.get(net) ?? frame.cur.get(net);
      if (d === undefined) continue;
      const rn = this.b.node(reg);
      const blocks = this.regBlocks.get(net);
      if (rn.inputs.length > 0 && !blocks) continue;
      const dn = extractEnable(this.b, this.b.extend({ id: d, signed: false }, rn.width, rn.loc), reg, rn.loc);
      if (p.reset) rn.reset = true;
      // flops whose every next value and reset value is 0 are constants (yosys opt_dff)
      const rv = resetFrame ? resetFrame.next.get(net) ?? resetFrame.cur.get(net) : undefined;
      const rc = rv === undefined ? 0n : this.b.constValue(rv);
      const sig = rc !== undefined ? Math.max(1, dataSig(this.b, dn, reg), bitLen(rc)) : rn.sig;
      const bits = writes.get(net) ?? [[0, rn.width]];
      if (blocks) {
        blocks.push({ bits, d: dn, sig });
        continue;
      }
      rn.inputs = [dn];
      rn.sig = Math.min(rn.sig, sig);
      this.regBlocks.set(net, [{ bits, d: dn, sig }]);
    }
  }

  /**
   * Bits [from, from + width) of a block's D, seen through the concatenations that put the block's
   * bits beside the register's other (held) bits: a bit a block does not write must not make the
   * whole register a reader of its own Q (a generate loop with an always per bit would give Q a
   * fanout of its width and a wire as long).
   */
  private bitsOf(d: number, from: number, width: number): { src: number; from: number } {
    for (let depth = 0; depth < MAX_NESTING_DEPTH; depth++) {
      const n = this.b.node(d);
      if (n.kind !== 'wire' || !n.place || n.place.length !== n.inputs.length) break;
      const k = n.place.findIndex((p) => from >= p.at && from + width <= p.at + p.width);
      if (k < 0) break;
      from = n.place[k].from + from - n.place[k].at;
      d = n.inputs[k];
    }
    return { src: d, from };
  }

  /** D of each register written by several clocked blocks: each bit from the last block writing it (linear in bits and ranges). */
  private finishRegisters(): void {
    for (const [net, blocks] of this.regBlocks) {
      if (blocks.length < 2) continue;
      const reg = this.regs.get(net);
      if (reg === undefined) continue;
      const rn = this.b.node(reg);
      const w = rn.width;
      const owner = new Int32Array(w).fill(-1);
      // next bit at or after i not yet owned (path-compressed), so every bit is assigned once
      const next = new Int32Array(w + 1);
      for (let i = 0; i <= w; i++) next[i] = i;
      const free = (i: number): number => {
        let r = i;
        while (next[r] !== r) r = next[r];
        while (next[i] !== r) {
          const n = next[i];
          next[i] = r;
          i = n;
        }
        return r;
      };
      let sig = 1;
      for (let k = blocks.length - 1; k >= 0; k--) {
        sig = Math.max(sig, blocks[k].sig);
        for (const [at, width] of blocks[k].bits) {
          const end = Math.min(w, at + width);
          for (let i = free(Math.max(0, at)); i < end; i = free(i + 1)) {
            owner[i] = k;
            next[i] = i + 1;
          }
        }
      }
      // runs of bits with one owner, then runs that continue one source's bits joined again
      const runs: Array<{ src: number; from: number; width: number }> = [];
      for (let i = 0; i < w; ) {
        let j = i + 1;
        while (j < w && owner[j] === owner[i]) j++;
        const k = owner[i];
        const r = k < 0 ? { src: reg, from: i } : this.bitsOf(blocks[k].d, i, j - i);
        const last = runs[runs.length - 1];
        if (last && last.src === r.src && last.from + last.width === r.from) last.width += j - i;
        else runs.push({ ...r, width: j - i });
        i = j;
      }
      const parts = runs.map((r) => this.b.slice(r.src, r.from, r.width, rn.loc));
      rn.inputs = [parts.length === 1 ? parts[0] : this.b.concat(parts, rn.loc)];
      rn.sig = Math.min(w, sig);
    }
  }

  /** Current value of a variable in a frame (state: the flop's Q; comb: its value so far). */
  private read(frame: Frame, net: number, state: boolean): number | undefined {
    const v = frame.cur.get(net);
    if (v !== undefined) return v;
    if (state) return this.regs.get(net);
    return undefined;
  }

  private exec(stmts: EStmt[], frame: Frame, cond: number | undefined, ctx: { state: boolean; fn?: { fn: EFunction; frame: Frame } }): void {
    for (const s of stmts) this.execOne(s, frame, cond, ctx);
  }

  private exprEnv(frame: Frame, ctx: { state: boolean; fn?: { fn: EFunction; frame: Frame } }): GraphExprEnv {
    const base = this.env(ctx.fn);
    if (ctx.fn) return base;
    return {
      ...base,
      // blocking assignments earlier in the block are visible to later reads
      net: (id, fn) => frame.cur.get(id) ?? base.net(id, fn),
    };
  }

  private execOne(s: EStmt, frame: Frame, cond: number | undefined, ctx: { state: boolean; fn?: { fn: EFunction; frame: Frame } }): void {
    const b = this.b;
    const env = this.exprEnv(frame, ctx);
    if (s.kind === 'assign') {
      const rhs = buildExprNode(s.rhs, env);
      this.assign(s.lhs, rhs, s.rhs.signed, s.blocking || !!ctx.fn, frame, cond, ctx, s.loc);
      return;
    }
    if (s.kind === 'if') {
      const c = truth(buildExprNode(s.cond, env), b, s.cond.loc);
      const cv = b.constValue(c);
      if (cv !== undefined) return this.exec(cv !== 0n ? s.then : s.else, frame, cond, ctx);
      const t = copyFrame(frame);
      const f = copyFrame(frame);
      const nc = b.add('not', 1, [c], s.cond.loc, 'not 1');
      this.exec(s.then, t, andCond(b, cond, c, s.loc), ctx);
      this.exec(s.else, f, andCond(b, cond, nc, s.loc), ctx);
      this.merge(frame, [t, f], (vals, net, width) => {
        const [vt, vf] = vals.map((v) => (v === undefined ? undefined : b.extend({ id: v, signed: false }, width, s.loc)));
        if (vt === undefined) return vf;
        if (vf === undefined) return vt;
        const reg = this.regs.get(net);
        if (reg !== undefined && ctx.state && (vt === reg || vf === reg) && vt !== vf) return enableMux(b, vt === reg ? nc : c, vt === reg ? vf : vt, reg, s.loc);
        return constMux(b, c, vt, vf, s.loc);
      }, ctx.state);
      return;
    }
    // case: a parallel mux over the distinct values, selected by label comparisons
    const subject = buildExprNode(s.subject, env);
    const sw = b.node(subject).width;
    const constLabels = s.items.every((it) => it.labels.every((l) => l.op === 'const'));
    const conds: number[] = [];
    const frames: Frame[] = [];
    // per branch, its constant labels (value, care bits) at the compared width
    const branchLabels: Array<Array<{ value: bigint; care: bigint }>> = [];
    let caseWidth = sw;
    let matchedConst: number | undefined;
    for (const item of s.items) {
      const terms: number[] = [];
      const labelBits: Array<{ value: bigint; care: bigint }> = [];
      for (let i = 0; i < item.labels.length; i++) {
        const l = item.labels[i];
        const lw = Math.max(sw, l.width);
        const maskBits = item.masks[i] ?? 0n;
        let lv = b.extend({ id: buildExprNode(l, env), signed: l.signed && s.subject.signed }, lw, l.loc);
        let sv = b.extend({ id: subject, signed: l.signed && s.subject.signed }, lw, l.loc);
        if (maskBits !== 0n) {
          const keep = ~maskBits & mask(lw);
          const c = b.constValue(lv);
          if (c !== undefined) lv = b.constant(c & keep, lw, l.loc);
          sv = maskWire(b, sv, keep, l.loc);
        }
        const lc = b.constValue(lv);
        if (lc !== undefined) {
          labelBits.push({ value: lc, care: ~maskBits & mask(lw) });
          caseWidth = Math.max(caseWidth, lw);
        }
        terms.push(eqNode(b, sv, lv, l.loc));
      }
      const c = terms.reduce((acc, t) => orCond(b, acc, t, item.loc), b.constant(0n, 1, item.loc));
      const cv = b.constValue(c);
      if (cv === 0n) continue;
      if (cv === 1n && matchedConst === undefined) {
        matchedConst = frames.length;
        const f = copyFrame(frame);
        this.exec(item.body, f, cond, ctx);
        frames.push(f);
        conds.push(c);
        branchLabels.push(labelBits);
        break;
      }
      const f = copyFrame(frame);
      this.exec(item.body, f, andCond(b, cond, c, item.loc), ctx);
      frames.push(f);
      conds.push(c);
      branchLabels.push(labelBits);
    }
    if (matchedConst !== undefined && matchedConst === 0) {
      const only = frames[0];
      frame.cur = only.cur;
      frame.next = only.next;
      return;
    }
    if (matchedConst === undefined) {
      const f = copyFrame(frame);
      if (s.default) this.exec(s.default, f, cond, ctx);
      frames.push(f);
    }
    this.merge(frame, frames, (vals, net, width) => {
      const present = vals.filter((v): v is number => v !== undefined).map((v) => b.extend({ id: v, signed: false }, width, s.loc));
      if (present.length === 0) return undefined;
      const distinct = [...new Set(present)];
      if (distinct.length === 1) return distinct[0];
      const caseArms = vals.map((v) => (v === undefined ? -1 : distinct.indexOf(b.extend({ id: v, signed: false }, width, s.loc))));
      const reg = this.regs.get(net);
      const hold = reg !== undefined && distinct.includes(reg) ? ' with enable' : '';
      if (distinct.length === 2 && conds.length === 1) return constMux(b, conds[0], distinct[0], distinct[1], s.loc);
      const allConst = distinct.every((d) => b.constValue(d) !== undefined);
      if (constLabels) {
        // labels are constants: one decoder of the subject shared by all items (synthesis collapses
        // the per-label comparisons); with constant data it is a ROM, a logic function of the subject
        const nLabels = s.items.reduce((k, it) => k + it.labels.length, 0);
        return b.add('mux', width, [subject, ...distinct], s.loc, `case ${allConst ? 'ROM' : 'mux'} [${distinct.length}:1] of ${nLabels} labels${hold}`, {
          n: distinct.length,
          selects: 1,
          labels: nLabels,
          sig: Math.max(...distinct.map((d) => b.node(d).sig)),
          constOperand: allConst ? 1n : undefined,
          caseArms,
          caseLabels: branchLabels,
          caseWidth,
        });
      }
      return b.add('mux', width, [...conds, ...distinct], s.loc, `case mux [${distinct.length}:1]${hold}${allConst ? ' of constants' : ''}`, {
        n: distinct.length,
        selects: conds.length,
        sig: Math.max(...distinct.map((d) => b.node(d).sig)),
        constOperand: allConst ? 1n : undefined,
        caseArms,
      });
    }, ctx.state);
  }

  /** A write port of `width` bits into a register array's word (under the asynchronous reset: the reset value of its flops). */
  private memWrite(word: EExpr & { op: 'mem-word' }, width: number, rhs: number, rhsSigned: boolean, frame: Frame, cond: number | undefined, ctx: { state: boolean; fn?: { fn: EFunction; frame: Frame } }, loc: Loc): void {
    const b = this.b;
    if (this.inAsyncReset) {
      // a word set by the asynchronous reset is the reset value of its flops, not a write port
      const mem = this.mems.get(word.net);
      if (mem !== undefined) b.node(mem).asyncReset = true;
      return;
    }
    const idx = buildExprNode(word.index, this.exprEnv(frame, ctx));
    const list = this.memWrites.get(word.net) ?? [];
    list.push({ addr: idx, data: b.extend({ id: rhs, signed: rhsSigned }, width, loc), en: cond ?? b.constant(1n, 1, loc) });
    this.memWrites.set(word.net, list);
  }

  /** Joins branch frames into `frame`: `pick` makes the value of each variable some branch changed. */
  private merge(frame: Frame, branches: Frame[], pick: (vals: Array<number | undefined>, net: number, width: number) => number | undefined, state: boolean): void {
    for (const which of ['cur', 'next'] as const) {
      const keys = new Set<number>();
      for (const br of branches) for (const [k, v] of br[which]) if (frame[which].get(k) !== v) keys.add(k);
      for (const net of keys) {
        const width = this.width(net, which === 'cur' ? branches : undefined);
        const before = which === 'next' ? frame.next.get(net) ?? frame.cur.get(net) ?? (state ? this.regs.get(net) : undefined) : this.read(frame, net, state);
        const vals = branches.map((br) => br[which].get(net) ?? before);
        const v = pick(vals, net, width);
        if (v !== undefined) frame[which].set(net, v);
      }
    }
  }

  private width(net: number, _b?: Frame[]): number {
    return this.m.nets[net]?.width ?? 1;
  }

  private assign(lhs: EExpr, rhs: number, rhsSigned: boolean, blocking: boolean, frame: Frame, cond: number | undefined, ctx: { state: boolean; fn?: { fn: EFunction; frame: Frame } }, loc: Loc): void {
    const b = this.b;
    const target = ctx.fn ? ctx.fn.frame : frame;
    const nets: ENet[] = ctx.fn ? ctx.fn.fn.nets : this.m.nets;
    const set = (net: number, v: number, at = 0, width = nets[net]?.width ?? 1) => {
      if (blocking) target.cur.set(net, v);
      else target.next.set(net, v);
      if (this.writes && !ctx.fn) {
        const list = this.writes.get(net) ?? [];
        if (list.length < 4096) list.push([at, width]);
        this.writes.set(net, list);
      }
    };
    const old = (net: number): number => {
      const v = (blocking ? undefined : target.next.get(net)) ?? target.cur.get(net) ?? (ctx.fn ? undefined : this.read(frame, net, ctx.state));
      if (v !== undefined) return v;
      const n = nets[net];
      return ctx.fn || !ctx.state ? b.constant(0n, n?.width ?? 1, loc) : this.net(net);
    };
    switch (lhs.op) {
      case 'net': {
        const n = nets[lhs.net];
        set(lhs.net, b.extend({ id: rhs, signed: rhsSigned }, n?.width ?? lhs.width, loc));
        return;
      }
      case 'select': {
        const n = nets[lhs.net];
        const w = n?.width ?? lhs.width;
        const o = old(lhs.net);
        const val = b.extend({ id: rhs, signed: rhsSigned }, lhs.width, loc);
        const parts: number[] = [];
        if (lhs.offset > 0) parts.push(b.slice(o, 0, lhs.offset, loc));
        parts.push(val);
        if (lhs.offset + lhs.width < w) parts.push(b.slice(o, lhs.offset + lhs.width, w - lhs.offset - lhs.width, loc));
        set(lhs.net, b.concat(parts, loc), lhs.offset, lhs.width);
        return;
      }
      case 'dyn-select': {
        const root = lvalueRoot(lhs);
        if (!root) return;
        const n = nets[root.net];
        const w = n?.width ?? 1;
        const idx = buildExprNode(lhs.index, this.exprEnv(frame, ctx));
        const o = old(root.net);
        const val = b.extend({ id: rhs, signed: rhsSigned }, lhs.width, loc);
        const ci = b.constValue(idx);
        if (ci !== undefined) {
          const off = lhs.sign * Number(ci) + lhs.bias;
          if (off < 0 || off >= w) return;
          return this.assign({ op: 'select', net: root.net, offset: off, width: Math.min(lhs.width, w - off), signed: false, loc: lhs.loc }, val, false, blocking, frame, cond, ctx, loc);
        }
        const dec = b.add('eq', 1, [idx], loc, `decode ${b.node(idx).sig}`, { n: b.node(idx).sig, sig: 1 });
        set(root.net, b.add('mux', w, [dec, val, o], loc, `bit write ${w}`, { n: 2, selects: 1 }));
        return;
      }
      case 'mem-word': {
        if (ctx.fn) return;
        this.memWrite(lhs, lhs.width, rhs, rhsSigned, frame, cond, ctx, loc);
        return;
      }
      case 'concat': {
        const total = lhs.parts.reduce((s, p) => s + p.width, 0);
        const v = b.extend({ id: rhs, signed: rhsSigned }, total, loc);
        let pos = 0;
        for (const p of [...lhs.parts].reverse()) {
          this.assign(p, b.slice(v, pos, p.width, loc), false, blocking, frame, cond, ctx, loc);
          pos += p.width;
        }
        return;
      }
      case 'slice': {
        // part of a memory word: a read-modify-write of the word
        // part of a memory word (byte lanes): a write port of that width, no read of the word
        if (lhs.base.op === 'mem-word' && !ctx.fn) this.memWrite(lhs.base, lhs.width, rhs, rhsSigned, frame, cond, ctx, loc);
        return;
      }
      default:
        return;
    }
  }

  // ------------------------------------------------------------------ functions

  private call(fn: EFunction, args: number[], loc: Loc): number {
    const b = this.b;
    const res = fn.nets[fn.result];
    if (this.fnDepth > 16) return b.add('unknown', res?.width ?? 1, [], loc, `recursive ${fn.name}`);
    this.fnDepth++;
    try {
      const frame: Frame = { cur: new Map(), next: new Map() };
      fn.args.forEach((a, i) => {
        if (args[i] !== undefined) frame.cur.set(a, args[i]);
      });
      const ctx = { state: false, fn: { fn, frame } };
      this.exec(fn.body, frame, undefined, ctx);
      return frame.cur.get(fn.result) ?? b.constant(0n, res?.width ?? 1, loc);
    } finally {
      this.fnDepth--;
    }
  }
}

// ------------------------------------------------------------------ helpers


function andCond(b: GraphBuilder, a: number | undefined, c: number, loc: Loc): number {
  if (a === undefined) return c;
  const ca = b.constValue(a);
  if (ca === 1n) return c;
  return b.add('logic', 1, [a, c], loc, 'and 1', { sig: 1 });
}

function orCond(b: GraphBuilder, a: number, c: number, loc: Loc): number {
  const ca = b.constValue(a);
  const cc = b.constValue(c);
  if (ca === 0n) return c;
  if (cc === 0n) return a;
  if (ca === 1n || cc === 1n) return b.constant(1n, 1, loc);
  return b.add('logic', 1, [a, c], loc, 'or 1', { sig: 1 });
}

/** Equality used by case labels, with the 1-bit identities (x == 1 is x). */
function eqNode(b: GraphBuilder, x: number, y: number, loc: Loc): number {
  const cx = b.constValue(x);
  const cy = b.constValue(y);
  if (cx !== undefined && cy !== undefined) return b.constant(cx === cy ? 1n : 0n, 1, loc);
  const c = cy ?? cx;
  const other = cy !== undefined ? x : y;
  const w = b.node(other).width;
  if (c !== undefined && w === 1) return c === 1n ? other : b.add('not', 1, [other], loc, 'not 1');
  if (c !== undefined && b.node(other).sig < w && c >> BigInt(b.node(other).sig) !== 0n && !b.node(other).signed) return b.constant(0n, 1, loc);
  const ins = c !== undefined ? [other] : [x, y];
  const ew = Math.max(...ins.map((i) => b.node(i).sig), 1);
  return b.add('eq', 1, ins, loc, `eq ${ew}${c !== undefined ? ' const' : ''}`, { constOperand: c, sig: 1, n: ew });
}

function maskWire(b: GraphBuilder, x: number, keep: bigint, loc: Loc): number {
  const w = b.node(x).width;
  let bits = 0;
  for (let v = keep; v > 0n; v >>= 1n) if (v & 1n) bits++;
  return b.add('wire', w, [x], loc, 'casez mask', { place: [{ at: 0, from: 0, width: w }], sig: Math.min(b.node(x).sig, bits), bitsConst: keep & mask(w) });
}

/**
 * `en ? d : q` in front of flop q. Nested enables (`if (a) if (b) q <= d;`) are one enable mux with
 * the conditions ANDed, as synthesis builds them, not a mux per level.
 */
function enableMux(b: GraphBuilder, en: number, d: number, q: number, loc: Loc): number {
  const dn = b.node(d);
  if (dn.kind === 'mux' && dn.what === 'enable' && dn.inputs.length === 3 && dn.inputs[2] === q) {
    const both = b.add('logic', 1, [en, dn.inputs[0]], loc, 'and 1', { sig: 1 });
    return b.add('mux', dn.width, [both, dn.inputs[1], q], loc, 'enable', { n: 2, selects: 1, sig: dn.sig });
  }
  const ce = b.constValue(en);
  if (ce !== undefined) return ce ? d : q;
  return b.add('mux', Math.max(dn.width, b.node(q).width), [en, d, q], loc, 'enable', { n: 2, selects: 1, sig: Math.max(dn.sig, b.node(q).sig) });
}

/** A 2:1 mux; with a constant data input it is an AND/OR row (e.g. a synchronous reset). */
function constMux(b: GraphBuilder, c: number, t: number, f: number, loc: Loc, what = 'mux 2:1'): number {
  const cv = b.constValue(c);
  if (cv !== undefined || t === f) return mux2(b, c, t, f, loc, what);
  const tc = b.constValue(t);
  const fc = b.constValue(f);
  const w = Math.max(b.node(t).width, b.node(f).width);
  if (tc !== undefined || fc !== undefined) {
    const other = tc !== undefined ? f : t;
    if (w === 1 && tc === 1n && fc === 0n) return c;
    const sig = Math.max(b.node(other).sig, bitLen(tc ?? fc ?? 0n));
    return b.add('logic', w, [c, other], loc, `${what === 'mux 2:1' ? 'gate' : what} ${w} (constant arm)`, { sig, constOperand: tc ?? fc });
  }
  return mux2(b, c, t, f, loc, what);
}

function bitLen(v: bigint): number {
  let n = 0;
  for (let x = v; x > 0n; x >>= 1n) n++;
  return n;
}

/** Root net of an lvalue part (net, select, dyn-select of a net, memory word). */
function lvalueRoot(e: EExpr): { net: number } | undefined {
  switch (e.op) {
    case 'net':
    case 'select':
    case 'mem-word':
      return { net: e.net };
    case 'dyn-select':
      return lvalueRoot(e.base);
    case 'slice':
      return lvalueRoot(e.base);
    default:
      return undefined;
  }
}

type LvaluePart = EExpr & ({ op: 'net' } | { op: 'select' });

/** The parts of a (possibly concatenated) lvalue, most significant first; only net/select kept. */
function flattenLvalue(e: EExpr): LvaluePart[] {
  if (e.op === 'concat') return e.parts.flatMap(flattenLvalue);
  if (e.op === 'net' || e.op === 'select') return [e as LvaluePart];
  return [];
}

function lvalueNets(e: EExpr): number[] {
  if (e.op === 'concat') return e.parts.flatMap(lvalueNets);
  const r = lvalueRoot(e);
  return r ? [r.net] : [];
}

/** Nets a statement list assigns (roots of the lvalues). */
export function assignedNets(stmts: EStmt[], out = new Set<number>()): Set<number> {
  for (const s of stmts) {
    if (s.kind === 'assign') for (const n of lvalueNets(s.lhs)) out.add(n);
    else if (s.kind === 'if') {
      assignedNets(s.then, out);
      assignedNets(s.else, out);
    } else {
      for (const it of s.items) assignedNets(it.body, out);
      if (s.default) assignedNets(s.default, out);
    }
  }
  return out;
}

export { arith };
