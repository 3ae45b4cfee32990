/**
 * The compact design AST: what the semantic stage keeps of a file after lowering the deep
 * tree-sitter CST. It holds only the synthesizable subset ppa-lens elaborates; every construct
 * outside it becomes an `unsupported` (or `ignored`) entry with its location instead of an error.
 *
 * Plain data (no tree-sitter objects), so an AST outlives the tree it came from and can be cached
 * per file version. Every node keeps the location of its text in the user's file.
 */
import type { SourceLocation } from '../../syntax/parsed-file';

export type Loc = SourceLocation;

// ---------------------------------------------------------------- expressions

export type UnaryOp = '+' | '-' | '!' | '~' | '&' | '~&' | '|' | '~|' | '^' | '~^';

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '**'
  | '==' | '!=' | '===' | '!==' | '==?' | '!=?' | '<' | '<=' | '>' | '>='
  | '&&' | '||' | '->' | '<->'
  | '&' | '|' | '^' | '~^'
  | '<<' | '>>' | '<<<' | '>>>';

/** An integer literal. `width` is undefined for unsized literals (then 32 bits in expressions). */
export interface NumberExpr {
  kind: 'number';
  loc: Loc;
  value: bigint;
  width?: number;
  signed: boolean;
  /** Contains x/z/? digits (treated as 0 by the evaluator, kept for casez/casex masks). */
  hasXZ: boolean;
  /** Mask of x/z/? bits (1 = don't care in casez/casex). */
  xzMask: bigint;
  text: string;
}

export type Expr =
  | NumberExpr
  /** '0, '1, 'x, 'z: fills the context width. */
  | { kind: 'fill'; loc: Loc; bit: 0 | 1 }
  | { kind: 'real'; loc: Loc; value: number }
  | { kind: 'string'; loc: Loc; value: string }
  /** A name; `pkg::name` when `pkg` is set (then `nameLoc` is the name's own place). */
  | { kind: 'ident'; loc: Loc; name: string; pkg?: string; nameLoc?: Loc }
  /** a.b.c (hierarchical reference; kept, elaborated as unsupported). */
  | { kind: 'hier'; loc: Loc; path: string[] }
  /** base.field: a struct member, an interface signal (or a hierarchical reference). */
  | { kind: 'member'; loc: Loc; base: Expr; field: string; fieldLoc: Loc }
  /** A data type where an expression may stand (a parameter value, a $bits argument). */
  | { kind: 'type'; loc: Loc; type: TypeSpec }
  /** T'(x), N'(x), signed'(x): `to` is a type, or an expression (a width, or a type's name). */
  | { kind: 'cast'; loc: Loc; to: TypeSpec | Expr; signing?: 'signed' | 'unsigned'; arg: Expr }
  /** '{a: x, default: y} or '{x, y}: keys are member names, `default`, or index expressions. */
  | { kind: 'pattern'; loc: Loc; items: Array<{ key?: string; keyLoc?: Loc; index?: Expr; value: Expr }> }
  /** x inside {a, [lo:hi]} */
  | { kind: 'inside'; loc: Loc; subject: Expr; ranges: Array<{ lo: Expr; hi?: Expr }> }
  /** base[index]: bit select, or word select of a memory. */
  | { kind: 'index'; loc: Loc; base: Expr; index: Expr }
  /** base[msb:lsb] */
  | { kind: 'range'; loc: Loc; base: Expr; msb: Expr; lsb: Expr }
  /** base[start +: width] or base[start -: width] */
  | { kind: 'indexed'; loc: Loc; base: Expr; start: Expr; width: Expr; dir: '+' | '-' }
  | { kind: 'unary'; loc: Loc; op: UnaryOp; arg: Expr }
  | { kind: 'binary'; loc: Loc; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'cond'; loc: Loc; cond: Expr; then: Expr; else: Expr }
  | { kind: 'concat'; loc: Loc; parts: Expr[] }
  | { kind: 'repl'; loc: Loc; count: Expr; parts: Expr[] }
  /** A call of a user function. */
  | { kind: 'call'; loc: Loc; name: string; nameLoc: Loc; args: Expr[]; pkg?: string }
  /** A system function call: $signed, $unsigned, $clog2, $bits, ... */
  | { kind: 'syscall'; loc: Loc; name: string; args: Expr[] }
  | { kind: 'unsupported'; loc: Loc; what: string };

// ---------------------------------------------------------------- types

/** A user-defined type written in a declaration: a typedef name, a struct/union or an enum. */
export type TypeRef =
  | { kind: 'named'; name: string; pkg?: string; loc: Loc }
  | { kind: 'struct'; union: boolean; packed: boolean; members: StructMember[]; loc: Loc }
  | { kind: 'enum'; base?: TypeSpec; members: EnumMember[]; loc: Loc }
  /** `type(expression)` (IEEE 1800 6.23): the expression's type. */
  | { kind: 'typeof'; expr: Expr; loc: Loc };

export interface StructMember {
  name: string;
  nameLoc: Loc;
  type: TypeSpec;
  unpacked: RangeAst[];
}

export interface EnumMember {
  name: string;
  nameLoc: Loc;
  value?: Expr;
}

/** A full data type: a base (keyword or user-defined) with signing and packed dimensions. */
export interface TypeSpec {
  dataKind?: DataKind;
  signed: boolean;
  /** `signed`/`unsigned` was written. */
  signedExplicit?: boolean;
  packed: RangeAst[];
  ref?: TypeRef;
  loc: Loc;
}

/** [msb:lsb] as written. */
export interface RangeAst {
  msb: Expr;
  lsb: Expr;
  loc: Loc;
}

// ---------------------------------------------------------------- statements

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '<<<=' | '>>>=';

export interface CaseItem {
  /** Empty for `default`. In `case ... inside`, a label may be a range ([lo:hi]) given as an `inside` with no subject. */
  labels: Expr[];
  body?: Stmt;
  loc: Loc;
}

export type Stmt =
  | { kind: 'assign'; loc: Loc; blocking: boolean; op: AssignOp; lhs: Expr; rhs: Expr }
  | { kind: 'if'; loc: Loc; cond: Expr; then?: Stmt; else?: Stmt }
  | { kind: 'case'; loc: Loc; variant: 'case' | 'casez' | 'casex'; subject: Expr; items: CaseItem[]; inside?: boolean; /** Marked `(* full_case *)`: the listed values are all the subject takes. */ fullCase?: true }
  /**
   * `loop: 'while'` / `'do-while'`: a while loop (no init and step): run by constant functions, and
   * unrolled in hardware when its control variable has a constant start and one step in the body.
   */
  | { kind: 'for'; loc: Loc; init: Stmt[]; cond?: Expr; step: Stmt[]; body?: Stmt; loop?: 'while' | 'do-while' }
  /** foreach (arr[i, j]): loop variables over the array's dimensions, outermost first. */
  | { kind: 'foreach'; loc: Loc; array: Expr; vars: Array<{ name: string; loc: Loc } | undefined>; body?: Stmt }
  /** return [expr] inside a function. */
  | { kind: 'return'; loc: Loc; value?: Expr }
  | { kind: 'block'; loc: Loc; label?: string; decls: VarDecl[]; body: Stmt[] }
  /** Simulation-only statements ($display, delays, waits): skipped for estimation, with a hint. */
  | { kind: 'ignored'; loc: Loc; what: string }
  /** `limit`: cut by a nesting bound (reported as a limit, not a missing feature). */
  | { kind: 'unsupported'; loc: Loc; what: string; limit?: true };

// ---------------------------------------------------------------- declarations

export type Direction = 'input' | 'output' | 'inout';

/** What a declaration declares: nets (wire, tri, ...), variables (reg, logic, bit) and atoms. */
/**
 * `event`: a named event (IEEE 1800 15.5), a 1-bit net here; a block it triggers is not logic.
 * `real`: real, shortreal and realtime, not modelled: a 64-bit net here (nothing selects its bits).
 */
export type DataKind = 'wire' | 'reg' | 'logic' | 'bit' | 'integer' | 'int' | 'genvar' | 'byte' | 'shortint' | 'longint' | 'time' | 'event' | 'real';

export interface PortDecl {
  name: string;
  nameLoc: Loc;
  loc: Loc;
  dir: Direction;
  /** 'wire' when only a direction is given. */
  dataKind: DataKind;
  /** A variable port (`output reg`, `output logic`), which procedural code may drive. */
  isVariable: boolean;
  signed: boolean;
  packed: RangeAst[];
  unpacked: RangeAst[];
  /** A user-defined type (typedef name, struct, enum); `packed` dims then wrap it. */
  typeRef?: TypeRef;
  /** An interface port (`stream_if.src p`). */
  iface?: { name: string; modport?: string; loc: Loc };
}

export interface ParamDecl {
  kind: 'param';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  /** localparam, or a parameter in a body of a module with a #() list. */
  local: boolean;
  /** Whether #() or defparam may override it. */
  overridable: boolean;
  /** Declared type: 'integer' for `parameter integer`, 'logic' for a ranged one, undefined if none. */
  dataKind?: DataKind;
  signed: boolean;
  range?: RangeAst;
  /** All packed dimensions (range is the first). */
  packed?: RangeAst[];
  /** Unpacked dimensions (`localparam logic [7:0] T [0:3] = '{...}`). */
  unpacked?: RangeAst[];
  typeRef?: TypeRef;
  value?: Expr;
  /** `parameter type T = ...`: `typeValue` is the default type. */
  isType?: boolean;
  typeValue?: TypeSpec;
}

export interface VarDecl {
  kind: 'var';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  dataKind: DataKind;
  /** Nets (wire/tri) versus variables (reg/logic/integer...). */
  isNet: boolean;
  signed: boolean;
  packed: RangeAst[];
  /** Memory / array dimensions, e.g. [0:D-1]. */
  unpacked: RangeAst[];
  /** `wire x = e;` (a continuous assignment) or `reg x = e;` (an initial value). */
  init?: Expr;
  typeRef?: TypeRef;
}

/** typedef <type> name [unpacked]; */
export interface TypedefDecl {
  kind: 'typedef';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  type: TypeSpec;
  unpacked: RangeAst[];
}

/** import p::*; or import p::name; */
export interface ImportDecl {
  kind: 'import';
  pkg: string;
  pkgLoc: Loc;
  /** Undefined for `*`. */
  name?: string;
  nameLoc?: Loc;
  loc: Loc;
}

/** modport name (dir a, b, ...); */
export interface ModportDecl {
  kind: 'modport';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  ports: Array<{ name: string; dir: Direction; loc: Loc }>;
}

// ---------------------------------------------------------------- module items

export type EventEdge = 'posedge' | 'negedge' | 'edge';

export interface EventAst {
  edge?: EventEdge;
  expr: Expr;
  loc: Loc;
}

export type Sensitivity = { kind: 'star' } | { kind: 'list'; events: EventAst[] } | { kind: 'none' };

export interface AlwaysBlock {
  kind: 'always';
  loc: Loc;
  /** The keyword written. */
  keyword: 'always' | 'always_ff' | 'always_comb' | 'always_latch';
  /** What the block is: clocked (ff), combinational, latch, or a plain always we cannot classify. */
  flavor: 'ff' | 'comb' | 'latch' | 'plain';
  sensitivity: Sensitivity;
  body?: Stmt;
  /** Every name the block reads (its event control included) and writes (ast/read-names.ts). */
  reads?: string[][];
  writes?: string[][];
}

export interface ContAssign {
  kind: 'assign';
  loc: Loc;
  lhs: Expr;
  rhs: Expr;
}

export interface ParamOverride {
  /** Undefined for positional overrides. */
  name?: string;
  nameLoc?: Loc;
  value?: Expr;
  loc: Loc;
}

export interface PortConnection {
  /** Undefined for positional connections. */
  name?: string;
  nameLoc?: Loc;
  /** Undefined for `.p()` or an empty positional slot: explicitly unconnected. */
  expr?: Expr;
  /** `.*` */
  wildcard?: boolean;
  /** `.p` without parentheses: connects the same-named signal. */
  implicit?: boolean;
  loc: Loc;
}

export interface Instance {
  kind: 'instance';
  loc: Loc;
  moduleName: string;
  moduleNameLoc: Loc;
  params: ParamOverride[];
  name: string;
  nameLoc: Loc;
  /** Instance arrays: u[3:0]. */
  array?: RangeAst;
  connections: PortConnection[];
}

export interface GenerateBlock {
  label?: string;
  labelLoc?: Loc;
  loc: Loc;
  items: ModuleItem[];
}

export interface GenerateFor {
  kind: 'gen-for';
  loc: Loc;
  genvar: string;
  genvarLoc: Loc;
  init: Expr;
  cond: Expr;
  /** The genvar's next value (i++ becomes i + 1). */
  step: Expr;
  body: GenerateBlock;
}

export interface GenerateIf {
  kind: 'gen-if';
  loc: Loc;
  cond: Expr;
  then?: GenerateBlock;
  else?: GenerateBlock;
}

export interface GenerateCase {
  kind: 'gen-case';
  loc: Loc;
  subject: Expr;
  items: Array<{ labels: Expr[]; body?: GenerateBlock; loc: Loc }>;
}

export interface Defparam {
  kind: 'defparam';
  loc: Loc;
  path: string[];
  value: Expr;
}

export interface FunctionArg {
  name: string;
  nameLoc: Loc;
  dir: Direction;
  dataKind: DataKind;
  signed: boolean;
  packed: RangeAst[];
  typeRef?: TypeRef;
}

export interface FunctionDecl {
  kind: 'function';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  automatic: boolean;
  /** Return type; `void` functions are unsupported. */
  returnKind: DataKind;
  returnSigned: boolean;
  returnRange?: RangeAst;
  returnPacked?: RangeAst[];
  returnType?: TypeRef;
  args: FunctionArg[];
  locals: VarDecl[];
  body: Stmt[];
}

/** Something that parses but is outside what we elaborate: the "unsupported for estimation" note. */
export interface UnsupportedItem {
  kind: 'unsupported';
  loc: Loc;
  what: string;
  /** The declared name, for a design unit we do not elaborate (interface, program, primitive...). */
  name?: string;
  /** A `bind` at file level: the module whose instances receive the bound instance. */
  bindTarget?: string;
  /** Names it reads and writes (a task's body): not elaborated, but not "never read" (or driven) either. */
  reads?: string[][];
  writes?: string[][];
}

/** Simulation-only items (initial blocks, ...) skipped with a hint. */
export interface IgnoredItem {
  kind: 'ignored';
  loc: Loc;
  what: string;
  /** Names it reads and writes (ast/read-names.ts): not elaborated, but not "never read" (or driven) either. */
  reads?: string[][];
  writes?: string[][];
}

export type ModuleItem =
  | VarDecl
  | ParamDecl
  | ContAssign
  | AlwaysBlock
  | Instance
  | GenerateFor
  | GenerateIf
  | GenerateCase
  | ({ kind: 'gen-block' } & GenerateBlock)
  | Defparam
  | FunctionDecl
  | TypedefDecl
  | ImportDecl
  | ModportDecl
  | UnsupportedItem
  | IgnoredItem;

export interface ModuleDecl {
  kind: 'module';
  /** What the design unit is: a module (default), a package or an interface. */
  unit?: 'module' | 'package' | 'interface';
  name: string;
  nameLoc: Loc;
  loc: Loc;
  file: string;
  /** Port names in declaration order (the order positional connections use). */
  portOrder: string[];
  /** Port declarations, ANSI or from the body of a non-ANSI module. */
  ports: PortDecl[];
  /** Parameters of the #() list, in order (positional overrides use this order). */
  headerParams: ParamDecl[];
  items: ModuleItem[];
}

/** One file's lowering result. */
export interface FileAst {
  file: string;
  version: number;
  modules: ModuleDecl[];
  /** Packages of the file, as design units shaped like modules (interfaces are in `modules`, unit 'interface'). */
  packages?: ModuleDecl[];
  /** Top-level items outside modules we do not elaborate (packages, interfaces, classes...). */
  unsupported: UnsupportedItem[];
}
