/**
 * Recursive macro expansion. A use expands to its body with the actuals substituted, and that text is
 * scanned again for further macro uses (and `__FILE__, `__LINE__, and `ifdef...`endif, which a
 * SystemVerilog macro body may contain). Depth is bounded by `maxExpansionDepth`, total size by
 * `MAX_EXPANSION_CHARS`; both end in a 'pp-recursion' problem, never a throw or a hang.
 *
 * Problems are collected, not located: the caller reports them at the use in the source file.
 */
import type { Code } from '../../base/codes';
import { bindArgs, parseArgs, substitute } from './macros';
import { readCondition } from './conditionals';
import { CONDITIONALS, LEGACY_DIRECTIVES, RESERVED } from './directives';
import {
  BACKSLASH,
  BACKTICK,
  QUOTE,
  SLASH,
  STAR,
  blockCommentEnd,
  escapedIdentEnd,
  identEnd,
  lineCommentEnd,
  skipSpace,
  stringEnd,
} from './lexer';
import type { MacroDef } from './types';

/** A bound on the text one use may expand to (guards against exponential macro trees). */
export const MAX_EXPANSION_CHARS = 1 << 18;

export interface ExpandProblem {
  code: Code;
  message: string;
}


export function fileLiteral(file: string): string {
  return `"${file.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Expands macro uses. One per file, reused for every use in it (`expand` resets the state). */
export class Expander {
  /** The problems of the last `expand`. */
  problems: ExpandProblem[] = [];
  /** Characters produced so far (for the size bound). */
  private produced = 0;
  private aborted = false;
  /** Source offset of the outermost use (for `__LINE__). */
  private useOffset = 0;

  /**
   * @param file what `__FILE__ expands to
   * @param lineOf 1-based line of a source offset (what `__LINE__ expands to, at the outermost use)
   */
  constructor(
    private readonly macros: ReadonlyMap<string, MacroDef>,
    private readonly maxDepth: number,
    private readonly file: string,
    private readonly lineOf: (offset: number) => number,
  ) {}

  /**
   * The expansion of one use of `def` at source offset `useOffset` (actuals undefined: the use had
   * no argument list). Problems are in `problems` afterwards.
   */
  expand(def: MacroDef, actuals: string[] | undefined, useOffset: number): string {
    if (this.problems.length > 0) this.problems = [];
    this.produced = 0;
    this.aborted = false;
    this.useOffset = useOffset;
    return this.expandAt(def, actuals, 1);
  }

  private problem(code: Code, message: string): void {
    if (this.problems.length < 20 && !this.problems.some((p) => p.code === code && p.message === message))
      this.problems.push({ code, message });
  }

  private expandAt(def: MacroDef, actuals: string[] | undefined, depth: number): string {
    if (this.aborted) return '';
    if (depth > this.maxDepth) {
      this.aborted = true;
      this.problem('pp-recursion', `macro expansion nested more than ${this.maxDepth} deep (at \`${def.name}); is it recursive?`);
      return '';
    }
    let text: string;
    if (def.params) {
      const b = bindArgs(def, actuals);
      if (b.problem) this.problem('pp-macro-args', b.problem);
      text = substitute(def.body, def.params, b.values);
    } else {
      text = substitute(def.body, [], []);
    }
    // Counted before and after the rescan: arguments that double at every level must stop too.
    if (this.tooLarge(text.length, def)) return '';
    const r = this.rescan(text, depth);
    if (this.tooLarge(r.length, def)) return '';
    return this.aborted ? '' : r;
  }

  private tooLarge(chars: number, def: MacroDef): boolean {
    this.produced += chars;
    if (this.produced > MAX_EXPANSION_CHARS && !this.aborted) {
      this.aborted = true;
      this.problem('pp-recursion', `macro expansion larger than ${MAX_EXPANSION_CHARS} characters (at \`${def.name})`);
    }
    return this.aborted;
  }

  private rescan(text: string, depth: number): string {
    if (text.indexOf('`') < 0) return text;
    const n = text.length;
    const out: string[] = [];
    const conds: Array<{ parentActive: boolean; taken: boolean; active: boolean; sawElse: boolean }> = [];
    let active = true;
    let from = 0;
    let k = 0;
    const isDefined = (name: string) => this.macros.has(name);
    while (k < n && !this.aborted) {
      const c = text.charCodeAt(k);
      if (c === QUOTE) {
        k = stringEnd(text, k);
        continue;
      }
      if (c === SLASH) {
        const d = text.charCodeAt(k + 1);
        if (d === SLASH) k = lineCommentEnd(text, k);
        else if (d === STAR) k = blockCommentEnd(text, k);
        else k++;
        continue;
      }
      if (c === BACKSLASH) {
        k = escapedIdentEnd(text, k);
        continue;
      }
      if (c !== BACKTICK) {
        k++;
        continue;
      }
      const e = identEnd(text, k + 1);
      if (active) out.push(text.slice(from, k));
      if (e === k + 1) {
        // A stray backtick (e.g. `` or `" used outside a macro body): dropped.
        k++;
        from = k;
        continue;
      }
      const name = text.slice(k + 1, e);
      if (CONDITIONALS.has(name)) {
        let end = e;
        const top = conds[conds.length - 1];
        if (name === 'ifdef' || name === 'ifndef' || name === 'elsif') {
          const cond = readCondition(text, e, isDefined, true);
          if (cond.value === undefined && active) this.problem('pp-bad-directive', `\`${name} needs a macro name`);
          end = cond.end;
          const v = name === 'ifndef' ? !cond.value : !!cond.value;
          if (name === 'elsif') {
            if (!top) this.problem('pp-unbalanced-conditional', '`elsif without `ifdef in a macro body');
            else {
              top.active = top.parentActive && !top.taken && v;
              top.taken ||= v;
            }
          } else conds.push({ parentActive: active, taken: v, active: active && v, sawElse: false });
        } else if (name === 'else') {
          if (!top || top.sawElse) this.problem('pp-unbalanced-conditional', '`else without `ifdef in a macro body');
          else {
            top.active = top.parentActive && !top.taken;
            top.taken = true;
            top.sawElse = true;
          }
        } else if (!conds.pop()) this.problem('pp-unbalanced-conditional', '`endif without `ifdef in a macro body');
        const t = conds[conds.length - 1];
        active = t ? t.active : true;
        k = end;
        from = k;
        continue;
      }
      if (!active) {
        k = e;
        continue;
      }
      if (name === '__FILE__' || name === '__LINE__') {
        out.push(name === '__FILE__' ? fileLiteral(this.file) : String(this.lineOf(this.useOffset)));
        k = e;
        from = k;
        continue;
      }
      const def = RESERVED.has(name) ? undefined : this.macros.get(name);
      if (!def) {
        if (name === 'include') {
          // Kept: the file processor includes the file where the expansion is placed (22.4
          // allows `include in a macro body, e.g. `define INC(f) `include f).
          from = k;
        } else if (RESERVED.has(name)) {
          this.problem('pp-bad-directive', `\`${name} inside a macro body is not supported`);
          from = e; // the keyword is dropped
        } else if (LEGACY_DIRECTIVES.has(name)) {
          from = e;
        } else {
          // Kept as written: tree-sitter parses it as a text_macro_usage (see file-processor.ts).
          this.problem('pp-undefined-macro', `macro \`${name} (used in a macro body) is not defined`);
          from = k;
        }
        k = e;
        continue;
      }
      let actuals: string[] | undefined;
      let end = e;
      if (def.params) {
        const j = skipSpace(text, e);
        if (text.charCodeAt(j) === 40) {
          const r = parseArgs(text, j, false, Infinity); // the text is already bounded
          if (r.closed) {
            actuals = r.args;
            end = r.end;
          } else this.problem('pp-macro-args', `unterminated argument list for \`${name}`);
        }
      }
      out.push(this.expandAt(def, actuals, depth + 1));
      k = end;
      from = k;
    }
    if (active) out.push(text.slice(from));
    if (conds.length > 0) this.problem('pp-unbalanced-conditional', '`ifdef without `endif in a macro body');
    return out.join('');
  }
}
