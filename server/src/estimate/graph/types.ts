/**
 * The word-level operator graph of one elaborated module (one parameter set): what area and timing
 * are computed on. One node per operator as synthesis would infer it (adder, multiplier, mux tree,
 * flop bank, memory, ...), with the widths left after constant folding and width trimming, and the
 * source location of the expression or statement it comes from.
 *
 * Wiring (selects, concatenation, extension, constant shifts, net aliases) is kept as `wire` nodes
 * of zero cost so that timing can follow a value through them and width trimming can see which
 * bits are used. Sub-module instances are `inst` nodes whose arcs come from the child's timing
 * model, so a module's graph never depends on another module's body.
 */
import type { Loc } from '../../semantic/index';
import type { OperatorFamily, ShiftMode } from '../calibration/types';

export type OpKind =
  /** A module input port. */
  | 'input'
  | 'const'
  /** Free: selects, concatenations, extensions, constant shifts, net aliases. */
  | 'wire'
  /** A bank of flops: inputs [d]; the node's value is Q. */
  | 'reg'
  | 'add'
  | 'sub'
  | 'mul'
  /** a*b+c: inputs [a, b, c]. */
  | 'mac'
  | 'lt'
  | 'eq'
  | 'shift'
  /** N-input mux: inputs [select..., data...] (`selects` leading inputs are selects). */
  | 'mux'
  /** Bitwise gates between words (and, or, xor, not with others). */
  | 'logic'
  /** Inverter row (absorbed by the mapper; almost free). */
  | 'not'
  /** Reduction of a word to one bit (&, |, ^, !, logical && and || of words). */
  | 'reduce'
  /** Division or modulo by a non-power-of-two (rare in accelerators; modelled as W multipliers). */
  | 'div'
  /** A register-array memory: inputs [write addr, write data, write enable]* per write port. */
  | 'mem'
  /** A read port of a memory: inputs [mem, addr]. */
  | 'mem-read'
  /** One output port of a sub-module instance: inputs are the instance's input connections. */
  | 'inst-out'
  /** An input of a sub-module instance (a timing endpoint into the child): inputs [value]. */
  | 'inst-in'
  /** Something not elaborated: an opaque source. */
  | 'unknown';

export interface OpNode {
  id: number;
  kind: OpKind;
  /** Width of the value as elaborated. */
  width: number;
  /** The value's extension: bits above `sig` are copies of bit sig-1 (signed) or zero. */
  signed: boolean;
  /** Significant (distinct) low bits; <= width. */
  sig: number;
  inputs: number[];
  loc: Loc;
  /** Short description for paths and hovers: "mul 8x8 signed", "reg acc_q". */
  what: string;
  /** Constant value (kind const). */
  value?: bigint;
  /** Net of the module this node stands for (input, reg, net alias). */
  net?: number;
  /** mux: data inputs count; mem: words. */
  n?: number;
  /** mux: how many leading inputs are selects. */
  selects?: number;
  mode?: ShiftMode;
  /** add/sub/lt/eq/mul with a constant operand (cheaper: synthesis folds it). */
  constOperand?: bigint;
  /** wire: for each input, the bit offset it is placed at in this node's value (undefined: the
   *  input's bits [from, from+width) are taken from offset 0, see `from`). */
  place?: Array<{ at: number; from: number; width: number }>;
  /** reg: has a reset (a false path in the reference flow) / which inputs are enables. */
  reset?: boolean;
  /** reg: the reset is asynchronous (a flop with a reset pin). */
  asyncReset?: boolean;
  /** mux from a case with constant labels: how many labels (the subject is the one select). */
  labels?: number;
  /** mux from a case: for each branch in order (the default last), the data input (index among
   *  the data inputs) it selects, -1 when the branch keeps the old value; with constant labels,
   *  also each branch's labels as value and care bits at `caseWidth` bits. For the bit-level
   *  network, which needs what the mux does, not only its size. */
  caseArms?: number[];
  caseLabels?: Array<Array<{ value: bigint; care: bigint }>>;
  caseWidth?: number;
  /** wire 'mask' / 'casez mask' (AND), 'set-bits' (OR), not 'xor-const' (XOR): the constant. */
  bitsConst?: bigint;
  /** add/sub/mul/mac/lt: the operation is signed (two's complement operands). */
  opSigned?: boolean;
  /** mac: the multiplier folded into it. */
  macOf?: OpNode;
  /** inst-out / inst-in: index of the instance in the module, and the port name. */
  inst?: { index: number; port: string };
  /** reg / mem: the net it is clocked by, by its name in this module (undefined: not known). */
  clock?: string;
  /** mem: word width and the number of read ports (filled when reads are lowered). */
  mem?: { words: number; wordWidth: number; writePorts: number; readPorts: number };
  /** After trimming: the bits synthesis keeps (0 = removed). */
  live?: number;
  /** Calibration family and operator size used for area and delay (set by `sizeNodes`). */
  family?: OperatorFamily;
  size?: { W: number; W2?: number; N?: number; D?: number; signed?: boolean; mode?: ShiftMode };
}

export interface OpGraph {
  module: string;
  key: string;
  nodes: OpNode[];
  /** Node of each input port, by port name. */
  inputs: Map<string, number>;
  /** Node driving each output port, by port name. */
  outputs: Map<string, number>;
  /** Clock nets (port names) of the flops in this module. */
  clocks: Set<string>;
  /** Per instance (by index): its input ports tied to a plain net of this module, and that net's name. */
  instanceNets?: Array<Map<string, string>>;
  /** One-bit nets that clock flops here or are tied to instance ports, by name: the node carrying
   *  each, so timing can trace a gated or divided clock back to the clock it comes from. */
  clockSources?: Map<string, number>;
}
