/**
 * The `ifdef/`ifndef/`elsif/`else/`endif stack, and the condition expressions they take
 * (a macro name, or since IEEE 1800-2023 a parenthesized `&&`/`||`/`!`/`->`/`<->` expression).
 */
import { identEnd, isSpace } from './lexer';
import { MAX_CONDITIONAL_NESTING } from '../../base/limits';

interface Frame {
  /** Source offsets of the opening directive (for the "no `endif" diagnostic). */
  start: number;
  end: number;
  /** Was the text around the whole `ifdef...`endif active? */
  parentActive: boolean;
  /** Has a branch already been taken? */
  taken: boolean;
  /** Is the current branch active? */
  active: boolean;
  sawElse: boolean;
}

export class ConditionalStack {
  private readonly frames: Frame[] = [];

  /** Is text at the current point active? */
  get active(): boolean {
    const n = this.frames.length;
    return n === 0 || this.frames[n - 1].active;
  }

  /**
   * Does an `elsif/`else/`endif at this point matter (its `ifdef was itself in active text)?
   * Also true when there is no open `ifdef (the directive is then an error worth reporting).
   */
  get closerIsLive(): boolean {
    const n = this.frames.length;
    return n === 0 || this.frames[n - 1].parentActive;
  }

  /** `ifdef / `ifndef with its evaluated condition. */
  open(cond: boolean, start: number, end: number): void {
    const parentActive = this.active;
    this.frames.push({ start, end, parentActive, taken: cond, active: parentActive && cond, sawElse: false });
  }

  /** `elsif; returns a problem, or undefined. */
  elsif(cond: boolean): string | undefined {
    const f = this.frames[this.frames.length - 1];
    if (!f) return '`elsif without `ifdef';
    if (f.sawElse) return '`elsif after `else';
    f.active = f.parentActive && !f.taken && cond;
    f.taken ||= cond;
    return undefined;
  }

  /** `else; returns a problem, or undefined. */
  else(): string | undefined {
    const f = this.frames[this.frames.length - 1];
    if (!f) return '`else without `ifdef';
    if (f.sawElse) return 'second `else for the same `ifdef';
    f.active = f.parentActive && !f.taken;
    f.taken = true;
    f.sawElse = true;
    return undefined;
  }

  /** `endif; returns a problem, or undefined. */
  endif(): string | undefined {
    if (this.frames.length === 0) return '`endif without `ifdef';
    this.frames.pop();
    return undefined;
  }

  /** The directives still open (at the end of the file), innermost last. */
  openFrames(): ReadonlyArray<{ start: number; end: number }> {
    return this.frames;
  }
}

/** Result of reading a condition: its value (undefined if malformed) and where it ends. */
export interface Condition {
  value: boolean | undefined;
  end: number;
  /** The macro names the condition refers to, with their source offsets. */
  names: Array<{ name: string; start: number; end: number }>;
}

/**
 * Reads the condition after `ifdef/`ifndef/`elsif at `i` (just after the keyword): blanks (not
 * newlines) then a macro name or a parenthesized expression.
 */
export function readCondition(text: string, i: number, isDefined: (name: string) => boolean, allowNewlines = false): Condition {
  const n = text.length;
  let k = i;
  while (k < n) {
    const c = text.charCodeAt(k);
    if ((c === 10 && !allowNewlines) || !isSpace(c)) break;
    k++;
  }
  if (k < n && text.charCodeAt(k) !== 40 /* ( */) {
    // The usual case: one macro name.
    const e = identEnd(text, k);
    if (e === k) return { value: undefined, end: k, names: [] };
    const name = text.slice(k, e);
    return { value: isDefined(name), end: e, names: [{ name, start: k, end: e }] };
  }
  const names: Condition['names'] = [];
  const fail = (): Condition => ({ value: undefined, end: Math.max(k, i), names });
  if (k >= n) return fail();

  // Parenthesized expression (IEEE 1800-2023 22.6); newlines allowed inside the parentheses.
  let ok = true;
  const wsIn = () => {
    while (k < n && isSpace(text.charCodeAt(k))) k++;
  };
  let nesting = 0;
  // Bounded nesting, so that no input can overflow the stack.
  const nested = (f: () => boolean): boolean => {
    if (nesting >= MAX_CONDITIONAL_NESTING) ok = false;
    if (!ok) return false;
    nesting++;
    const v = f();
    nesting--;
    return v;
  };
  const primary = (): boolean => nested(primaryInner);
  const primaryInner = (): boolean => {
    wsIn();
    const c = text.charCodeAt(k);
    if (c === 33 /* ! */) {
      k++;
      return !primary();
    }
    if (c === 40 /* ( */) {
      k++;
      const v = implication();
      wsIn();
      if (text.charCodeAt(k) === 41) k++;
      else ok = false;
      return v;
    }
    const e = identEnd(text, k);
    if (e === k) {
      ok = false;
      return false;
    }
    const name = text.slice(k, e);
    names.push({ name, start: k, end: e });
    k = e;
    return isDefined(name);
  };
  /** operand (op operand)*, left to right: every operand is read (its names recorded) whatever the value so far. */
  const chain = (operand: () => boolean, op: string, combine: (next: boolean, sofar: boolean) => boolean) => (): boolean => {
    let v = operand();
    for (;;) {
      wsIn();
      if (!ok || !text.startsWith(op, k)) return v;
      k += op.length;
      v = combine(operand(), v);
    }
  };
  const and = chain(primary, '&&', (x, v) => x && v);
  const or = chain(and, '||', (x, v) => x || v);
  const implication = (): boolean => {
    const v = or();
    wsIn();
    if (ok && text.startsWith('->', k)) {
      k += 2;
      const w = nested(implication);
      return !v || w;
    }
    if (ok && text.startsWith('<->', k)) {
      k += 3;
      const w = nested(implication);
      return v === w;
    }
    return v;
  };
  const v = primary();
  if (!ok) return fail();
  return { value: v, end: k, names };
}
