/**
 * The elaborated design: what the estimator lowers to an operator graph.
 *
 * A module body elaborated with one parameter set is an `ElaboratedModule` (cached and shared by all
 * instances with the same module and parameter values); the hierarchy is a tree of
 * `ElaboratedInstance`s pointing at them. Generate constructs are unrolled, procedural for loops
 * unrolled, compound assignments expanded, and every expression carries the width and signedness it
 * is computed at (Verilog's context-determined sizing already applied) and its source location.
 *
 * Width convention: an operand narrower than the operator that consumes it is extended to the
 * operator's width, sign-extended if the operand is signed, else zero-extended (for comparisons, to
 * the width of the wider operand). Nets and selects keep their own width.
 */
import type { BinaryOp, DataKind, Direction, Loc, UnaryOp } from '../ast/types';

export interface ENet {
  /** Index in `ElaboratedModule.nets`. */
  id: number;
  /** Name inside the module, with generate scopes: `g_leaf[3].g_mul.a_s`. */
  name: string;
  kind: DataKind;
  /** A variable (reg/logic/integer) rather than a net (wire). */
  isVariable: boolean;
  /** Set for ports. */
  direction?: Direction;
  width: number;
  signed: boolean;
  /** Declared packed range; bit offsets used in selects are relative to `lsb` (offset 0 = lsb side). */
  msb: number;
  lsb: number;
  /** Unpacked (memory) dimensions, outermost first; empty for plain nets. */
  dims: Array<{ msb: number; lsb: number; size: number }>;
  loc: Loc;
  nameLoc: Loc;
  /** The SystemVerilog type when it is more than a vector (struct, enum, packed array, typedef). */
  svType?: SvType;
}

/** A resolved SystemVerilog data type: its packed layout (offsets from the lsb side). */
export interface SvType {
  kind: 'vector' | 'struct' | 'union' | 'enum' | 'array';
  width: number;
  signed: boolean;
  /** Range of the outermost packed dimension: a vector's bits, or an array's elements. */
  msb: number;
  lsb: number;
  /** The typedef name it came from. */
  name?: string;
  /** Packed array element. */
  elem?: SvType;
  /** Struct/union members, first declared (most significant) first. */
  fields?: SvField[];
  /** Enum literals and values. */
  members?: Array<{ name: string; value: bigint }>;
  /** Unpacked dimensions of a typedef'd array type. */
  unpacked?: Array<{ msb: number; lsb: number; size: number }>;
  loc?: Loc;
}

export interface SvField {
  name: string;
  /** Bit offset of the member's lsb within the struct. */
  offset: number;
  type: SvType;
  loc: Loc;
}

interface ENodeBase {
  width: number;
  signed: boolean;
  loc: Loc;
}

/**
 * An elaborated expression. Variable selects give the bit (or word) offset as
 * `offset = sign * index + bias`, offsets counted from the lsb side of the net (or the first word).
 */
export type EExpr = ENodeBase &
  (
    | { op: 'const'; value: bigint; /** An unsized literal (`1`, `'d5`): 32 bits by the rules, as wide as its value by intent. */ unsized?: true }
    | { op: 'net'; net: number }
    /** Constant part/bit select: bits [offset, offset + width) of the net. */
    | { op: 'select'; net: number; offset: number }
    /** Variable bit or part select (a shifter/mux): `width` bits from offset sign*index+bias. */
    | { op: 'dyn-select'; base: EExpr; index: EExpr; sign: 1 | -1; bias: number }
    /** Constant part-select of a computed value (e.g. of a memory word). */
    | { op: 'slice'; base: EExpr; offset: number }
    /** A memory word: word number sign*index+bias of net `net` (a read, or a write target). */
    | { op: 'mem-word'; net: number; index: EExpr; sign: 1 | -1; bias: number }
    | { op: 'unary'; kind: UnaryOp; arg: EExpr }
    | { op: 'binary'; kind: BinaryOp; left: EExpr; right: EExpr }
    | { op: 'cond'; cond: EExpr; then: EExpr; else: EExpr }
    /** Most significant part first, as written. */
    | { op: 'concat'; parts: EExpr[] }
    | { op: 'repl'; count: number; part: EExpr }
    /** A call of a synthesizable (non-constant) function; its body is elaborated once per module. */
    | { op: 'call'; func: EFunction; args: EExpr[] }
    /** Something we could not elaborate (diagnosed); treat as an opaque input of this width. */
    | { op: 'unknown'; what: string }
  );

export type EStmt =
  | { kind: 'assign'; blocking: boolean; lhs: EExpr; rhs: EExpr; loc: Loc }
  | { kind: 'if'; cond: EExpr; then: EStmt[]; else: EStmt[]; loc: Loc }
  | {
      kind: 'case';
      variant: 'case' | 'casez' | 'casex';
      subject: EExpr;
      /** `labels` compare equal to the subject; `masks` (casez/casex) give don't-care bits per label. */
      items: Array<{ labels: EExpr[]; masks: bigint[]; body: EStmt[]; loc: Loc }>;
      default?: EStmt[];
      /** Marked `(* full_case *)`: no latch for the values not listed. */
      fullCase?: true;
      loc: Loc;
    };

export interface EFunction {
  name: string;
  /** Arguments, result and locals are nets of the function's own scope. */
  nets: ENet[];
  args: number[];
  result: number;
  body: EStmt[];
  loc: Loc;
}

export interface EClock {
  net: number;
  edge: 'posedge' | 'negedge';
  loc: Loc;
}

export interface EReset {
  net: number;
  activeLow: boolean;
  /** In the sensitivity list (asynchronous) or only tested in the body (synchronous). */
  async: boolean;
  loc: Loc;
}

export type EProcess =
  | { kind: 'assign'; lhs: EExpr; rhs: EExpr; loc: Loc }
  | {
      kind: 'always';
      flavor: 'ff' | 'comb' | 'latch';
      clock?: EClock;
      reset?: EReset;
      body: EStmt[];
      loc: Loc;
    };

export interface EParam {
  name: string;
  value: bigint;
  width: number;
  signed: boolean;
  local: boolean;
  /** Overridden at this instance (by #() or defparam). */
  overridden: boolean;
  loc: Loc;
}

export interface EConnection {
  port: string;
  dir: Direction;
  portWidth: number;
  /** The connected expression in the parent's scope; undefined when unconnected. */
  expr?: EExpr;
  loc: Loc;
}

export interface EInstance {
  /** Name within the parent module, with generate scopes and array index: `g_row[1].u_pe[2]`. */
  name: string;
  moduleName: string;
  /** Undefined when the module is unknown (diagnosed) or elaboration was cut off. */
  module?: ElaboratedModule;
  connections: EConnection[];
  loc: Loc;
}

export interface ElaboratedModule {
  name: string;
  /** Module name and parameter values: the cache key. */
  key: string;
  file: string;
  loc: Loc;
  params: EParam[];
  nets: ENet[];
  /** Port nets (ids into `nets`) in port order. */
  ports: number[];
  processes: EProcess[];
  instances: EInstance[];
  /** Functions called from this module's logic. */
  functions: EFunction[];
  /** Interface ports, each flattened into port nets named `port.signal` (ids into `nets`). */
  interfacePorts?: Array<{ name: string; iface: string; modport?: string; nets: number[] }>;
  /** What elaboration skipped in this module (unsupported constructs), for the estimate's confidence. */
  skipped?: Array<{ what: string; loc: Loc; /** Added by a file-level `bind` of another unit (recomputed every run). */ fileBind?: true }>;
  /** Targets written by simulation-only code (an `always #5 clk = ~clk`): drivers for the checks, not logic. */
  simWrites?: EExpr[];
  /** Nets (ids) read by what is not elaborated (initial blocks, tasks, event controls, $display): not "never read". */
  simReads?: number[];
  /** Nets (ids) assigned by what is not elaborated (an initial block): drivers for the checks, not logic. */
  simDriven?: number[];
}

export interface ElaboratedInstance {
  /** Full path from the top: `top.u_array.g_row[1].u_pe[2]`. */
  path: string;
  module: ElaboratedModule;
  children: ElaboratedInstance[];
}

export interface ElaboratedDesign {
  top: ElaboratedInstance;
  /** Every distinct (module, parameter set) in the design. */
  modules: ElaboratedModule[];
  instanceCount: number;
}
