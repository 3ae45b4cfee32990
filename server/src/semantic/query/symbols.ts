/**
 * What the language features navigate: named things of a module (symbols) and every place a name
 * is written (occurrences), each occurrence resolved to the symbol it means.
 *
 * A symbol is identified by a string key built from its module *name* and scope, not from object
 * identity, so a use in another file (a named port connection `.a_in(x)`, a parameter override
 * `.DW(8)`, an instantiation `mac_pe u (...)`) resolves to the same key as the declaration without
 * looking at the other module. That keeps per-module tables independent: each is computed from one
 * ModuleDecl and cached for as long as that AST object lives.
 */
import type { FunctionDecl, Instance, Loc, ParamDecl, PortDecl, TypedefDecl, TypeSpec, VarDecl } from '../ast/types';

export type SymbolKind = 'module' | 'port' | 'net' | 'parameter' | 'instance' | 'function' | 'genvar' | 'block' | 'package' | 'type' | 'enum-member' | 'field' | 'modport';

export interface SymbolDecl {
  key: string;
  kind: SymbolKind;
  name: string;
  /** The module it belongs to (a module: itself). */
  module: string;
  /** Generate/function scope path inside the module ('' at module level), e.g. `g_row.g_col`. */
  scope: string;
  nameLoc: Loc;
  loc: Loc;
  port?: PortDecl;
  /** The body declaration that completes a non-ANSI port (`output q; reg [3:0] q;`). */
  portVar?: VarDecl;
  param?: ParamDecl;
  var?: VarDecl;
  instance?: Instance;
  func?: FunctionDecl;
  typedef?: TypedefDecl;
  /** A struct member's declared type. */
  fieldType?: TypeSpec;
}

/** How an occurrence relates to its symbol. */
export type OccurrenceRole =
  | 'declaration'
  | 'use'
  /** The module name of an instantiation. */
  | 'module-ref'
  /** `.p(x)`: the port name, resolved in the instantiated module. */
  | 'port-ref'
  /** `.P(v)` in `#(...)`: the parameter name, resolved in the instantiated module. */
  | 'param-ref';

export interface Occurrence {
  name: string;
  loc: Loc;
  /** Undefined when the name resolves to nothing (undeclared). */
  key?: string;
  role: OccurrenceRole;
  /**
   * `.p` without parentheses: the same text names the child's port and the local signal; a rename
   * of either must spell the connection out (`.p(new)` or `.new(p)`).
   */
  implicitConnection?: boolean;
  /**
   * A member of an interface port or instance written with constant names (`s.valid`): the name of
   * the net elaboration flattens it into in the using module, for its width there.
   */
  via?: string;
}

export function moduleKey(name: string): string {
  return `module:${name}`;
}

/** Key of a name declared in a module scope. Ports and parameters live at module level (scope ''). */
export function memberKey(module: string, scope: string, name: string): string {
  return `${module}:${scope}:${name}`;
}

/** The module a member key belongs to ('' for module keys). */
export function moduleOfKey(key: string): string {
  if (key.startsWith('module:')) return key.slice(7);
  return key.slice(0, key.indexOf(':'));
}
