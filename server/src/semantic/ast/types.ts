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
  | { kind: 'ident'; loc: Loc; name: string }
  /** a.b.c (hierarchical reference; kept, elaborated as unsupported). */
  | { kind: 'hier'; loc: Loc; path: string[] }
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
  | { kind: 'call'; loc: Loc; name: string; nameLoc: Loc; args: Expr[] }
  /** A system function call: $signed, $unsigned, $clog2, $bits, ... */
  | { kind: 'syscall'; loc: Loc; name: string; args: Expr[] }
  | { kind: 'unsupported'; loc: Loc; what: string };

export type ExprKind = Expr['kind'];

/** [msb:lsb] as written. */
export interface RangeAst {
  msb: Expr;
  lsb: Expr;
  loc: Loc;
}

// ---------------------------------------------------------------- statements

export type AssignOp = '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=' | '<<<=' | '>>>=';

export interface CaseItem {
  /** Empty for `default`. */
  labels: Expr[];
  body?: Stmt;
  loc: Loc;
}

export type Stmt =
  | { kind: 'assign'; loc: Loc; blocking: boolean; op: AssignOp; lhs: Expr; rhs: Expr }
  | { kind: 'if'; loc: Loc; cond: Expr; then?: Stmt; else?: Stmt }
  | { kind: 'case'; loc: Loc; variant: 'case' | 'casez' | 'casex'; subject: Expr; items: CaseItem[] }
  | { kind: 'for'; loc: Loc; init: Stmt[]; cond?: Expr; step: Stmt[]; body?: Stmt }
  | { kind: 'block'; loc: Loc; label?: string; decls: VarDecl[]; body: Stmt[] }
  /** Simulation-only statements ($display, delays, waits): skipped for estimation, with a hint. */
  | { kind: 'ignored'; loc: Loc; what: string }
  /** `limit`: cut by a nesting bound (reported as a limit, not a missing feature). */
  | { kind: 'unsupported'; loc: Loc; what: string; limit?: true };

// ---------------------------------------------------------------- declarations

export type Direction = 'input' | 'output' | 'inout';

/** What a declaration declares: nets (wire, tri, ...), variables (reg, logic, bit) and atoms. */
export type DataKind = 'wire' | 'reg' | 'logic' | 'bit' | 'integer' | 'int' | 'genvar' | 'byte' | 'shortint' | 'longint' | 'time';

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
  value?: Expr;
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
}

/** Simulation-only items (initial blocks, ...) skipped with a hint. */
export interface IgnoredItem {
  kind: 'ignored';
  loc: Loc;
  what: string;
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
  | UnsupportedItem
  | IgnoredItem;

export interface ModuleDecl {
  kind: 'module';
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
  /** Top-level items outside modules we do not elaborate (packages, interfaces, classes...). */
  unsupported: UnsupportedItem[];
}
