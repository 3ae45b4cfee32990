/** Name scopes of elaboration: the module, generate blocks, procedural blocks, functions. */
import type { FunctionDecl, Loc } from '../ast/types';
import type { ENet, SvType } from './types';
import type { Value } from './value';

export type Binding =
  | { kind: 'param'; value: Value; loc: Loc; type?: SvType; /** Declared with no type or range: a constant as wide as its value by intent (width check). */ untyped?: true }
  /** A typedef, type parameter or enum type. */
  | { kind: 'type'; type: SvType; loc: Loc }
  /** An interface instance or port: its signals are declared in `scope`. */
  | IfaceBinding
  /** An array of interface instances or ports (`stream_if lanes[4] ()`): one interface per index. */
  | { kind: 'iface-array'; name: string; elems: Map<number, IfaceBinding>; msb: number; lsb: number; loc: Loc }
  | { kind: 'genvar'; value: Value; loc: Loc }
  /** A net of the module (or of the function being elaborated, when `owner` says so). */
  | { kind: 'net'; net: ENet; owner: 'module' | 'function' }
  | { kind: 'function'; decl: FunctionDecl; scope?: Scope; key?: string };

export type IfaceBinding = { kind: 'iface'; name: string; scope: Scope; params: ReadonlyMap<string, Value>; modport?: string; loc: Loc };

export class Scope {
  private names: Map<string, Binding> | undefined;
  private genblk = 0;
  /** Packages imported with `import p::*` here. */
  private wildcards: Scope[] | undefined;
  constructor(
    readonly parent: Scope | undefined,
    /** Prefix of names declared here: '' for the module, 'g_row[2].' inside a generate block. */
    readonly prefix: string,
  ) {}

  lookup(name: string): Binding | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const b = s.names?.get(name);
      if (b) return b;
    }
    // names imported with `import p::*` are found only when nothing local has them
    for (let s: Scope | undefined = this; s; s = s.parent)
      if (s.wildcards)
        for (const w of s.wildcards) {
          const b = w.own(name);
          if (b) return b;
        }
    return undefined;
  }

  /** A name declared in this scope itself (what `p::name` finds in a package). */
  own(name: string): Binding | undefined {
    return this.names?.get(name);
  }

  /** Names declared in this scope (for completion). */
  ownNames(): string[] {
    return [...(this.names?.keys() ?? [])];
  }

  importAll(pkg: Scope): void {
    this.wildcards ??= [];
    if (!this.wildcards.includes(pkg)) this.wildcards.push(pkg);
  }

  /** Declares; returns the previous binding of this scope if the name was already declared here. */
  declare(name: string, b: Binding): Binding | undefined {
    this.names ??= new Map();
    const prev = this.names.get(name);
    this.names.set(name, b);
    return prev;
  }

  has(name: string): boolean {
    return this.names?.has(name) ?? false;
  }

  /** Name for an unlabeled generate block (genblkN, as the standard numbers them). */
  nextGenblk(): string {
    return `genblk${++this.genblk}`;
  }

  child(prefix: string): Scope {
    return new Scope(this, this.prefix + prefix);
  }
}
