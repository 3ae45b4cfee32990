/**
 * Multiply-accumulate recognition on one module's operator graph.
 *
 * A MAC is a multiplier with two variable operands whose product reaches an adder (through free
 * wiring, pipeline registers, gating or the data side of a mux) whose result ends in a register, and
 * whose other addend is worth adding:
 *  - the register the sum goes to (acc <= acc + a*b: `accumulate`), or
 *  - another product or sum of products (adder trees, pipelined or not: `dot`), or
 *  - any other variable value of 2 or more bits (a*b + c, a partial sum from a neighbour PE:
 *    `multiply-add`).
 * A product that is only scaled, rounded (a 1-bit or constant addend), shifted or compared is a
 * plain multiplier. The estimator already fuses `a*b + c` in one expression into a `mac` node; a
 * product named by a wire and added elsewhere (sa_pe's `prod_ext`) is the same thing here.
 *
 * Counting: one MAC per multiplier, so a 16-product dot product (a multiplier per product and an
 * adder tree) is 16 MACs per cycle, as accelerator peak-TOPS figures count it (2 ops per MAC: the
 * 16 multiplies and the 15 tree adds plus the one add that would take the result into an
 * accumulator).
 */
import { isLive, isVariableMultiply, liveUsers, mulOperands } from '../../estimate/graph-query';
import type { OpGraph, OpNode } from '../../estimate/index';
import { bitsKey, stepBackward, stepForward, wordStep, type Bits } from './bit-flow';
import type { MacKind, MacSite, PlainMultiplier, WidthClass } from './types';

export interface ModuleMacs {
  macs: MacSite[];
  plain: PlainMultiplier[];
}

const cache = new WeakMap<OpGraph, ModuleMacs>();

/** MACs and plain multipliers of one module graph (cached per graph: graphs are immutable once estimated). */
export function findMacs(g: OpGraph, areas?: Float64Array): ModuleMacs {
  const hit = cache.get(g);
  if (hit) return hit;
  const r = new MacFinder(g, areas).run();
  cache.set(g, r);
  return r;
}

/** Width class of a multiplier from its operand bits (the wider one decides). */
export function widthClassOf(bits: [number, number], hiddenBit: boolean): WidthClass {
  if (hiddenBit) return 'fp-like';
  const w = Math.max(bits[0], bits[1]);
  return w <= 4 ? 'int4' : w <= 8 ? 'int8' : w <= 16 ? 'int16' : w <= 32 ? 'int32' : 'wide';
}

/** Nodes a value flows back through when asking what it is made of. */
const DATA_KINDS = new Set<string>(['wire', 'reg', 'logic', 'mux', 'add', 'sub', 'mem', 'mem-read']);

const FORWARD_DEPTH = 8;
const SUM_DEPTH = 16;
const BACK_DEPTH = 8;
const PRODUCT_DEPTH = 32;

class MacFinder {
  private readonly users: Array<Array<{ id: number; slot: number }>>;
  private readonly productMemo = new Map<string, boolean>();
  private readonly sinkMemo = new Map<number, Set<number>>();

  constructor(private readonly g: OpGraph, private readonly areas?: Float64Array) {
    this.users = liveUsers(g);
  }

  run(): ModuleMacs {
    const macs: MacSite[] = [];
    const plain: PlainMultiplier[] = [];
    for (const n of this.g.nodes) {
      if (!isVariableMultiply(n)) continue;
      const [a, b] = mulOperands(this.g, n);
      const bits: [number, number] = a.bits >= b.bits ? [a.bits, b.bits] : [b.bits, a.bits];
      const mulLoc = n.kind === 'mac' ? (n.macOf?.loc ?? n.loc) : n.loc;
      const found = n.kind === 'mac' ? this.classifyAt(n, 2, true, n.id) : this.findAdder(n);
      if (!found) {
        plain.push({ module: this.g.module, key: this.g.key, bits, loc: mulLoc });
        continue;
      }
      const signedness = a.signed && b.signed ? 'signed' : !a.signed && !b.signed ? 'unsigned' : 'mixed';
      // a fused mac node's area includes its adder; a separate multiplier's is the multiplier's
      const area = this.areas?.[n.id];
      macs.push({
        module: this.g.module,
        key: this.g.key,
        kind: found.kind,
        bits,
        signedness,
        widthClass: widthClassOf(bits, a.hiddenBit || b.hiddenBit),
        mulLoc,
        addLoc: found.adder.loc,
        ...(area !== undefined ? { areaUm2: area } : {}),
      });
    }
    return { macs, plain };
  }

  /** The first adder the product of `mul` reaches through free wiring, registers, gates and mux data inputs. */
  private findAdder(mul: OpNode): { kind: MacKind; adder: OpNode } | undefined {
    const seen = new Set<string>();
    // `via`: the registers passed on the way (a product loaded into an accumulator register and
    // then added to something is the accumulator's value, not an addend: an ALU result, not a MAC)
    let frontier: Array<Bits & { via: number[] }> = [{ id: mul.id, lo: 0, hi: Math.max(1, mul.live ?? mul.width), via: [] }];
    for (let depth = 0; depth < FORWARD_DEPTH && frontier.length > 0; depth++) {
      const next: Array<Bits & { via: number[] }> = [];
      for (const b of frontier) {
        for (const { id: uid, slot } of this.users[b.id]) {
          const u = this.g.nodes[uid];
          if (u.kind === 'add' || u.kind === 'sub' || (u.kind === 'mac' && slot === 2)) {
            const r = u.kind === 'mac' ? this.classifyAt(u, 0, false, mul.id) : this.classifyAt(u, slot === 0 ? 1 : 0, false, mul.id);
            if (r && !b.via.some((reg) => this.sumRegisters(u).has(reg))) return r;
            continue;
          }
          if (!passesForward(u, slot)) continue;
          const range = stepForward(this.g, u, slot, b.lo, b.hi);
          const word = wordStep(this.g, u, slot, b.word);
          if (!range || word === null) continue;
          const nb = { id: uid, lo: range[0], hi: range[1], via: u.kind === 'reg' || u.kind === 'mem' ? [...b.via, uid] : b.via, ...(word !== undefined ? { word } : {}) };
          if (seen.has(bitsKey(nb))) continue;
          seen.add(bitsKey(nb));
          next.push(nb);
        }
      }
      frontier = next;
    }
    return undefined;
  }

  /**
   * Whether adder `adder`, read with the product on one side, accumulates: `otherSlot` is the input
   * holding the other addend (for a `mac` reached on its addend, the addend is its own product).
   */
  private classifyAt(adder: OpNode, otherSlot: number, fusedOwn: boolean, self: number): { kind: MacKind; adder: OpNode } | undefined {
    if (adder.constOperand !== undefined) return undefined;
    const sinks = this.sumRegisters(adder);
    if (sinks.size === 0) return undefined;
    // a mac reached on its addend slot: the other addend is the mac's own product
    if (adder.kind === 'mac' && !fusedOwn) return { kind: 'dot', adder };
    const other = this.g.nodes[adder.inputs[otherSlot]];
    if (!other) return undefined;
    // a constant or one-bit addend is rounding, not accumulation
    if (other.kind === 'const' || other.sig < 2) return undefined;
    const otherBits = { id: other.id, lo: 0, hi: Math.min(other.width, adder.width) };
    for (const r of this.registersBehind(otherBits)) if (sinks.has(r)) return { kind: 'accumulate', adder };
    // the product plus bits of itself (its own rounding increment) is rounding, not accumulation
    if (this.dependsOn(otherBits, self)) return undefined;
    if (this.productDerived(otherBits, 0, new Set(), self)) return { kind: 'dot', adder };
    return { kind: 'multiply-add', adder };
  }

  /** Registers the sum ends in: forward through wiring, gates, mux data inputs and further adders. */
  private sumRegisters(adder: OpNode): Set<number> {
    const hit = this.sinkMemo.get(adder.id);
    if (hit) return hit;
    const regs = new Set<number>();
    this.sinkMemo.set(adder.id, regs);
    const seen = new Set<string>();
    let frontier: Bits[] = [{ id: adder.id, lo: 0, hi: Math.max(1, adder.live ?? adder.width) }];
    for (let depth = 0; depth < SUM_DEPTH && frontier.length > 0; depth++) {
      const next: Bits[] = [];
      for (const b of frontier) {
        for (const { id: uid, slot } of this.users[b.id]) {
          const u = this.g.nodes[uid];
          if (u.kind === 'reg' || (u.kind === 'mem' && slot % 3 === 1)) {
            regs.add(uid);
            continue;
          }
          if (!(u.kind === 'add' || u.kind === 'sub' || u.kind === 'mac' || passesForward(u, slot))) continue;
          const range = stepForward(this.g, u, slot, b.lo, b.hi);
          const word = wordStep(this.g, u, slot, b.word);
          if (!range || word === null) continue;
          const nb = { id: uid, lo: range[0], hi: range[1], ...(word !== undefined ? { word } : {}) };
          if (seen.has(bitsKey(nb))) continue;
          seen.add(bitsKey(nb));
          next.push(nb);
        }
      }
      frontier = next;
    }
    return regs;
  }

  /** Registers a value's bits come from through wiring, gates, adders and mux data inputs (itself if it is one). */
  private registersBehind(start: Bits): Set<number> {
    const regs = new Set<number>();
    const seen = new Set<string>();
    let frontier: Bits[] = [start];
    for (let depth = 0; depth < BACK_DEPTH && frontier.length > 0; depth++) {
      const next: Bits[] = [];
      for (const b of frontier) {
        if (seen.has(bitsKey(b))) continue;
        seen.add(bitsKey(b));
        const x = this.g.nodes[b.id];
        if (x.kind === 'reg' || x.kind === 'mem') regs.add(b.id);
        // through adders too: a leaky integrator (acc - (acc >> k) + p) still accumulates
        else if (['wire', 'logic', 'mux', 'mem-read', 'add', 'sub'].includes(x.kind)) next.push(...stepBackward(this.g, x, b.lo, b.hi, b.word));
      }
      frontier = next;
    }
    return regs;
  }

  /** Whether bits of a value are computed from node `target` (backward through data-carrying nodes, no registers looped twice). */
  private dependsOn(start: Bits, target: number): boolean {
    const seen = new Set<string>();
    const stack: Array<Bits & { depth: number }> = [{ ...start, depth: 0 }];
    while (stack.length > 0) {
      const b = stack.pop()!;
      if (b.id === target) return true;
      const key = bitsKey(b);
      if (seen.has(key) || b.depth > PRODUCT_DEPTH) continue;
      seen.add(key);
      const x = this.g.nodes[b.id];
      if (!DATA_KINDS.has(x.kind)) continue;
      for (const i of stepBackward(this.g, x, b.lo, b.hi, b.word)) stack.push({ ...i, depth: b.depth + 1 });
    }
    return false;
  }

  /** Whether a value is a product or a sum of products, looking back through wiring, registers and adders. */
  private productDerived(b: Bits, depth: number, visiting: Set<string>, self: number): boolean {
    const key = `${self}/${bitsKey(b)}`;
    const memo = this.productMemo.get(key);
    if (memo !== undefined) return memo;
    if (depth > PRODUCT_DEPTH || visiting.has(key)) return false;
    const x = this.g.nodes[b.id];
    let r = false;
    if (isVariableMultiply(x)) r = x.id !== self;
    else if (DATA_KINDS.has(x.kind)) {
      visiting.add(key);
      r = stepBackward(this.g, x, b.lo, b.hi, b.word).some((i) => this.productDerived(i, depth + 1, visiting, self));
      visiting.delete(key);
    }
    // only a settled answer is remembered (a cut-off inside a cycle is not a "no")
    if (r || visiting.size === 0) this.productMemo.set(key, r);
    return r;
  }
}

/**
 * Forward steps a product or sum takes on its way to a register without being transformed:
 * wiring, pipeline registers and register arrays, mux data inputs, and gates (`clr ? 0 : x` is
 * lowered to an AND).
 */
function passesForward(u: OpNode, slot: number): boolean {
  if (!isLive(u)) return false;
  if (u.kind === 'wire' || u.kind === 'reg' || u.kind === 'logic') return true;
  // register arrays: a word written on a write port's data input, read back through a read port
  if (u.kind === 'mem') return slot % 3 === 1;
  if (u.kind === 'mem-read') return slot === 0;
  return u.kind === 'mux' && slot >= (u.selects ?? 1);
}
