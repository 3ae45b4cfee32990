/**
 * Preprocesses one file (the user's, or an `include`d one, recursively) in a single left-to-right
 * pass. The scan only stops at backticks, comment starts, quotes and backslashes; everything else is
 * copied lazily by the output builder, so the pass is linear in the text.
 *
 * Decisions:
 * - Directive-like text inside comments, strings and escaped identifiers is left alone; comments are
 *   kept verbatim.
 * - Directives are blanked (spaces, line breaks kept). A trailing `//` comment on a directive line
 *   stays verbatim, except at the end of a multi-line `define where it is part of the directive.
 * - Inactive branches are blanked and reported (`inactiveRanges` + a 'pp-inactive' hint).
 * - Macro uses and `include`s become one-line 'expansion' segments (see `segments.ts`).
 * - An undefined macro is reported ('pp-undefined-macro') and, in most places, left as written:
 *   tree-sitter-systemverilog parses `` `NAME `` and `` `NAME(args) `` as a `text_macro_usage`
 *   wherever an expression, a statement, a case label or a module item may stand, and later stages
 *   treat that node as an unknown value. Measured against replacing it by spaces or by `0`, that
 *   parses best (`0` fails as a module item or a type, spaces fail as an operand). The exception is
 *   a use right after a word on the same line (an identifier or number that is not a keyword which
 *   introduces an operand or a statement), not followed by `(`, such as
 *   `always @(posedge clk `RST_EVENT)` or `input wire `RANGE x`: there tree-sitter cannot place a
 *   macro usage, so the name is blanked (spaces of the same length) and the rest parses as if the
 *   macro were empty. See `blankUndefinedUse`; the contexts are tested against the parser in
 *   preprocess-designs.test.ts.
 * - Bounded everywhere: include depth and total included text, expansion depth and size, argument
 *   list length; a limit hit is a located 'pp-recursion' (or 'pp-macro-args') diagnostic.
 */
import { CODES, type Code } from '../../base/codes';
import type { Diagnostic, RelatedLocation } from '../../base/diagnostic';
import type { Range } from '../../base/text';
import { ConditionalStack, readCondition } from './conditionals';
import { CONDITIONALS, LEGACY_DIRECTIVES, RESERVED, SIMPLE_DIRECTIVES, type SimpleDirective } from './directives';
import { Expander, fileLiteral } from './expand';
import { bareGenerateBlock } from './generate-block';
import { laterKeywordsPattern } from './keywords';
import type { IncludeResolver } from './include';
import {
  BACKSLASH,
  BACKTICK,
  CR,
  LPAREN,
  NL,
  QUOTE,
  SLASH,
  STAR,
  blockCommentEnd,
  directiveArgsEnd,
  escapedIdentEnd,
  flattenToLine,
  identEnd,
  isHSpace,
  isIdentChar,
  lineCommentEnd,
  restOfLineIsTrivia,
  skipHSpace,
  skipSpace,
  stringEnd,
} from './lexer';
import { parseArgs, parseDefine } from './macros';
import { LazyLines } from './lines';
import { OutputBuilder } from './segments';
import type { IncludeRef, MacroDef, MacroUse, PreprocessResult } from './types';

/** State shared by a file and the files it includes. */
export interface Shared {
  /** The live macro table: definitions in included files flow back through it. */
  macros: Map<string, MacroDef>;
  resolver: IncludeResolver;
  maxIncludeDepth: number;
  maxExpansionDepth: number;
  /**
   * `include expansions and characters of included text still allowed in this `preprocess` call.
   * Depth alone does not stop a file that includes itself twice (2^depth copies); these do.
   */
  includeBudget: { count: number; chars: number };
}

/** Defaults for `Shared.includeBudget`. */
export const MAX_INCLUDES = 1000;
export const MAX_INCLUDED_CHARS = 1 << 24;

/** One file's part of a `PreprocessResult` (the macros at its end live in `Shared.macros`). */
export type FileResult = Omit<PreprocessResult, 'definesAtEnd'>;

/**
 * Words after which an undefined macro use is still in operand / statement / item position (so it is
 * kept for tree-sitter to parse as a macro usage), although they end in identifier characters.
 */
const OPERAND_KEYWORDS = new Set(
  (
    'begin end else fork join join_any join_none initial final always always_comb always_ff always_latch do ' +
    'forever generate endgenerate endcase endfunction endtask endmodule endclass endpackage endinterface ' +
    'endprogram endproperty endsequence endclocking endgroup endspecify endprimitive endtable endchecker ' +
    'endconfig return posedge negedge edge or and not assign force release deassign wait disable repeat while ' +
    'if case casex casez for foreach default inside dist'
  ).split(' '),
);

/**
 * Where the active scan must stop: backtick, quote, slash, backslash, and the word `generate`
 * (see generate-block.ts).
 */
const INTEREST = /[`"/\\]|(?<![\w$`])generate(?![\w$])/g;

export class FileProcessor {
  private readonly out: OutputBuilder;
  private readonly cond = new ConditionalStack();
  private readonly lines: LazyLines;
  private readonly expander: Expander;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly inactiveRanges: Range[] = [];
  private readonly definitions: MacroDef[] = [];
  private readonly macroUses: MacroUse[] = [];
  private readonly includes: IncludeRef[] = [];
  /** Source offset where the current inactive run started; -1 while active. */
  private inactiveFrom = -1;
  /** The versions of the open `begin_keywords regions, innermost last. */
  private readonly keywordVersions: string[] = [];
  /** What the scan stops at: INTEREST, plus the words to escape inside a `begin_keywords region. */
  private scan = new RegExp(INTEREST.source, 'g');
  /** Whether `generate` is a name here (a `begin_keywords "1364-1995" region). */
  private generateIsName = false;
  /** Source ranges still to blank (a bare generate block's begin and end), in order. */
  private pendingBlanks: Array<[number, number]> = [];

  constructor(
    private readonly shared: Shared,
    private readonly text: string,
    private readonly fileName: string,
    private readonly includeDepth: number,
  ) {
    this.out = new OutputBuilder(text);
    this.lines = new LazyLines(text);
    this.expander = new Expander(shared.macros, shared.maxExpansionDepth, fileName, (o) => this.lines.positionAt(o).line + 1);
  }

  run(): FileResult {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const re = this.scan;
      re.lastIndex = i;
      const m = re.exec(text);
      const k = m ? m.index : n;
      this.flushBlanks(i, k);
      if (!m) break;
      if (m[0] === 'generate' && !this.generateIsName) {
        i = k + m[0].length;
        const ranges = this.cond.active ? bareGenerateBlock(text, i) : undefined;
        if (ranges) this.pendingBlanks.push(...ranges);
        continue;
      }
      if (m[0].length > 1) {
        // A word that is a keyword only in versions after the `begin_keywords one: a name here.
        i = k + m[0].length;
        if (this.cond.active) {
          this.out.copyTo(k);
          this.out.expandTo(i, `\\${m[0]} `);
        }
        continue;
      }
      switch (text.charCodeAt(k)) {
        case SLASH: {
          const d = text.charCodeAt(k + 1);
          i = d === SLASH ? lineCommentEnd(text, k) : d === STAR ? blockCommentEnd(text, k) : k + 1;
          break;
        }
        case QUOTE:
          i = stringEnd(text, k);
          break;
        case BACKSLASH:
          i = escapedIdentEnd(text, k);
          break;
        default:
          i = this.cond.active ? this.activeDirective(k) : this.inactiveDirective(k);
      }
    }
    this.pendingBlanks = [];
    if (!this.cond.active) this.closeInactive(n);
    for (const f of this.cond.openFrames()) {
      const name = text.slice(f.start + 1, identEnd(text, f.start + 1));
      this.report('pp-unbalanced-conditional', f.start, f.end, `\`${name} without a matching \`endif`);
    }
    const { text: outText, segments } = this.out.finish();
    return {
      text: outText,
      segments,
      inactiveRanges: this.inactiveRanges,
      definitions: this.definitions,
      macroUses: this.macroUses,
      includes: this.includes,
      diagnostics: this.diagnostics.sort(byPosition),
    };
  }

  // ---- helpers -------------------------------------------------------------------------------------

  /**
   * Blanks the pending ranges that lie in [from, to), the plain text the scan just passed over;
   * a range the scan went past inside a directive or inactive text is dropped.
   */
  private flushBlanks(from: number, to: number): void {
    while (this.pendingBlanks.length && this.pendingBlanks[0][0] < to) {
      const [s, e] = this.pendingBlanks.shift()!;
      if (s < from || e > to || !this.cond.active) continue;
      this.out.copyTo(s);
      this.out.blankTo(e);
    }
  }

  private range(start: number, end: number): Range {
    return this.lines.rangeOf(start, end);
  }

  private report(code: Code, start: number, end: number, message: string, extra?: Partial<Diagnostic>): void {
    this.diagnostics.push({
      file: this.fileName,
      range: this.range(start, end),
      severity: CODES[code].severity,
      code,
      message,
      ...extra,
    });
  }

  // ---- directives in active text --------------------------------------------------------------------

  /** A backtick at `k` in active text; returns where scanning continues. */
  private activeDirective(k: number): number {
    const text = this.text;
    const e = identEnd(text, k + 1);
    if (e === k + 1) return this.strayBacktick(k);
    const name = text.slice(k + 1, e);
    switch (name) {
      case 'define':
        return this.define(k, e);
      case 'undef':
        return this.undef(k, e);
      case 'include':
        return this.include(k, e);
      case 'ifdef':
      case 'ifndef':
      case 'elsif':
      case 'else':
      case 'endif':
        return this.conditional(k, name, e);
      case '__FILE__':
      case '__LINE__':
        this.out.copyTo(k);
        this.out.expandTo(e, name === '__FILE__' ? fileLiteral(this.fileName) : String(this.lines.positionAt(k).line + 1));
        return e;
    }
    const simple = SIMPLE_DIRECTIVES.get(name);
    if (simple) return this.simpleDirective(k, e, name, simple);
    const def = this.shared.macros.get(name);
    if (def) return this.macroUse(k, e, name, def);
    const legacy = LEGACY_DIRECTIVES.get(name);
    if (legacy) return this.simpleDirective(k, e, name, legacy);
    return this.undefinedMacro(k, e, name);
  }

  /** A backtick not followed by a name (`` and `" belong in macro bodies only). */
  private strayBacktick(k: number): number {
    const d = this.text.charCodeAt(k + 1);
    const len = d === BACKTICK || d === QUOTE ? 2 : 1;
    const message =
      d === BACKTICK
        ? '`` (token pasting) is only allowed in a macro body'
        : d === QUOTE
          ? '`" (stringification) is only allowed in a macro body'
          : 'a backtick must be followed by a directive or macro name';
    this.report('pp-bad-directive', k, k + len, message);
    this.out.copyTo(k);
    this.out.blankTo(k + len);
    return k + len;
  }

  private simpleDirective(k: number, e: number, name: string, spec: SimpleDirective): number {
    let end = e;
    if (spec.extent === 'line') {
      end = directiveArgsEnd(this.text, e);
      const args = this.text.slice(e, end).trim();
      // Arguments given through macros cannot be checked (and are blanked with the directive).
      const problem = spec.check && !args.includes('`') ? spec.check(args) : undefined;
      if (problem) this.report('pp-bad-directive', k, end, problem);
    }
    if (name === 'undefineall') this.shared.macros.clear();
    if (name === 'begin_keywords' || name === 'end_keywords') {
      if (name === 'begin_keywords') this.keywordVersions.push(/^\s*"([^"]*)"/.exec(this.text.slice(e, end))?.[1] ?? '1800-2023');
      // An unmatched `end_keywords is not reported: the `begin_keywords may be in the including file.
      else this.keywordVersions.pop();
      const version = this.keywordVersions[this.keywordVersions.length - 1];
      const later = version ? laterKeywordsPattern(version) : null;
      this.scan = new RegExp(later ? `${INTEREST.source}|${later.source}` : INTEREST.source, 'g');
      this.generateIsName = !!later && new RegExp(later.source).test('generate');
    }
    this.out.copyTo(k);
    this.out.blankTo(end);
    return end;
  }

  private define(k: number, e: number): number {
    const d = parseDefine(this.text, e);
    const end = Math.max(d.end, e);
    this.out.copyTo(k);
    this.out.blankTo(end);
    if (d.problem) this.report('pp-bad-directive', k, end, d.problem);
    if (d.name === undefined) return end;
    if (RESERVED.has(d.name)) {
      this.report('pp-bad-directive', d.nameStart, d.nameEnd, `\`${d.name} is a compiler directive and cannot be defined as a macro`);
      return end;
    }
    const def: MacroDef = { name: d.name, body: d.body, file: this.fileName, range: this.range(d.nameStart, d.nameEnd) };
    if (d.params) def.params = d.params;
    this.shared.macros.set(d.name, def);
    this.definitions.push(def);
    return end;
  }

  private undef(k: number, e: number): number {
    const j = skipHSpace(this.text, e);
    const ne = identEnd(this.text, j);
    this.out.copyTo(k);
    if (ne === j) {
      this.report('pp-bad-directive', k, e, 'missing macro name after `undef');
      this.out.blankTo(e);
      return e;
    }
    this.shared.macros.delete(this.text.slice(j, ne));
    this.out.blankTo(ne);
    return ne;
  }

  private include(k: number, e: number): number {
    const text = this.text;
    const j = skipHSpace(text, e);
    const c = text.charCodeAt(j);
    let spec: string | undefined;
    let end = e;
    if (c === QUOTE) {
      const se = stringEnd(text, j);
      if (se > j + 1 && text.charCodeAt(se - 1) === QUOTE) {
        spec = text.slice(j + 1, se - 1);
        end = se;
      } else end = se;
    } else if (c === 60 /* < */) {
      let gt = j + 1;
      while (gt < text.length && text.charCodeAt(gt) !== 62 /* > */ && text.charCodeAt(gt) !== NL) gt++;
      if (text.charCodeAt(gt) === 62) {
        spec = text.slice(j + 1, gt);
        end = gt + 1;
      } else end = directiveArgsEnd(text, j);
    } else if (c === BACKTICK) {
      // `include `MACRO, where the macro expands to "file" or <file>.
      const me = identEnd(text, j + 1);
      end = Math.max(me, j + 1);
      const def = this.shared.macros.get(text.slice(j + 1, me));
      if (def) {
        let actuals: string[] | undefined;
        if (def.params && text.charCodeAt(me) === LPAREN) {
          const r = parseArgs(text, me);
          if (r.closed) {
            actuals = r.args;
            end = r.end;
          }
        }
        const v = flattenToLine(this.expander.expand(def, actuals, k));
        for (const p of this.expander.problems) this.report(p.code, k, end, p.message);
        const m = /^"([^"]*)"$|^<([^>]*)>$/.exec(v);
        if (m) spec = m[1] ?? m[2];
      }
    }
    this.out.copyTo(k);
    if (spec === undefined || spec.trim() === '') {
      this.out.blankTo(end);
      this.report('pp-bad-directive', k, end, 'expected "file" or <file> after `include');
      return end;
    }
    const included = this.includedText(spec, k, end);
    // The included file's text (as preprocessed, flattened to one line) replaces the directive.
    if (included === undefined) this.out.blankTo(end);
    else this.out.expandTo(end, included);
    return end;
  }

  /**
   * The preprocessed text (flattened to one line) of the file `spec` included by the directive at
   * [k, end), or undefined when it cannot be included (reported at the directive).
   */
  private includedText(spec: string, k: number, end: number): string | undefined {
    const range = this.range(k, end);
    if (this.includeDepth >= this.shared.maxIncludeDepth) {
      this.includes.push({ spec, range });
      this.report('pp-recursion', k, end, `\`include nested more than ${this.shared.maxIncludeDepth} deep; does "${spec}" include itself?`);
      return undefined;
    }
    const found = this.shared.resolver.resolve(spec, this.fileName);
    if (!found) {
      this.includes.push({ spec, range });
      const why = this.shared.resolver.refusal(spec, this.fileName);
      this.report('pp-include-not-found', k, end, why ? `cannot include "${spec}": ${why}` : `cannot find include file "${spec}"`);
      return undefined;
    }
    const budget = this.shared.includeBudget;
    budget.count--;
    budget.chars -= found.text.length;
    if (budget.count < 0 || budget.chars < 0) {
      this.includes.push({ spec, range, resolved: found.path });
      this.report('pp-recursion', k, end, `too many \`include expansions (over ${MAX_INCLUDES} files or ${MAX_INCLUDED_CHARS} characters); does "${spec}" include itself?`);
      return undefined;
    }
    this.includes.push({ spec, range, resolved: found.path });
    const child = new FileProcessor(this.shared, found.text, found.path, this.includeDepth + 1).run();
    this.relay(child.diagnostics, spec, range);
    return flattenToLine(child.text);
  }

  /**
   * A macro expansion may hold `include directives (the expander keeps them): each is replaced by
   * the included file's text, or removed when it cannot be included (reported at the macro use).
   */
  private includesInExpansion(expansion: string, k: number, end: number): string {
    if (!expansion.includes('`include')) return expansion;
    let count = 0;
    return expansion.replace(/`include\b\s*(?:"([^"]*)"|<([^>]*)>)?/g, (_m, q?: string, a?: string) => {
      const spec = q ?? a;
      if (++count > MAX_INCLUDES || spec === undefined || spec.trim() === '') {
        if (count <= MAX_INCLUDES) this.report('pp-bad-directive', k, end, 'expected "file" or <file> after `include (in a macro expansion)');
        return ' ';
      }
      return ` ${this.includedText(spec, k, end) ?? ''} `;
    });
  }

  /**
   * Shows an included file's errors and warnings at the `include: the first of each code, with the
   * real place as related location and a count of the others (so that the number of diagnostics
   * stays bounded however deep the includes go).
   */
  private relay(diagnostics: readonly Diagnostic[], spec: string, range: Range): void {
    const byCode = new Map<string, { first: Diagnostic; count: number }>();
    for (const d of diagnostics) {
      if (d.severity !== 'error' && d.severity !== 'warning') continue;
      const g = byCode.get(d.code);
      if (g) g.count++;
      else byCode.set(d.code, { first: d, count: 1 });
    }
    for (const { first: d, count } of byCode.values()) {
      // A diagnostic relayed from a deeper include keeps its message and its first location.
      const nested = d.message.startsWith('in included file ');
      const related: RelatedLocation[] = nested && d.related ? d.related : [{ file: d.file, range: d.range, message: d.message }];
      const more = count > 1 ? ` (and ${count - 1} more)` : '';
      this.diagnostics.push({
        file: this.fileName,
        range,
        severity: d.severity,
        code: d.code,
        message: (nested ? d.message : `in included file "${spec}": ${d.message}`) + more,
        related,
      });
    }
  }

  // ---- macro uses ------------------------------------------------------------------------------------

  private macroUse(k: number, e: number, name: string, def: MacroDef): number {
    const text = this.text;
    let actuals: string[] | undefined;
    let end = e;
    if (def.params) {
      const j = skipSpace(text, e);
      if (text.charCodeAt(j) === LPAREN) {
        const r = parseArgs(text, j);
        if (!r.closed) {
          // Probably being typed: report, and leave the use as written (tree-sitter copes).
          this.report('pp-macro-args', k, e, `unterminated argument list for \`${name}`);
          this.macroUses.push({ name, range: this.range(k, e), def });
          return e;
        }
        actuals = r.args;
        end = r.end;
      }
    }
    let expansion = flattenToLine(this.expander.expand(def, actuals, k));
    for (const p of this.expander.problems) this.report(p.code, k, end, p.message);
    this.macroUses.push({ name, range: this.range(k, end), def });
    expansion = this.includesInExpansion(expansion, k, end);
    this.out.copyTo(k);
    this.out.expandTo(end, expansion);
    return end;
  }

  private undefinedMacro(k: number, e: number, name: string): number {
    this.report('pp-undefined-macro', k, e, `macro \`${name} is not defined`);
    this.macroUses.push({ name, range: this.range(k, e) });
    if (this.blankUndefinedUse(k, e)) {
      this.out.copyTo(k);
      this.out.blankTo(e);
    }
    return e;
  }

  /**
   * Should an undefined use at [k, e) be blanked rather than kept as a text_macro_usage? Yes when it
   * follows a word on its own line (an identifier or a number, but none of the keywords above) and is
   * not followed by an argument list.
   */
  private blankUndefinedUse(k: number, e: number): boolean {
    const text = this.text;
    if (text.charCodeAt(skipSpace(text, e)) === LPAREN) return false;
    let p = k;
    while (p > 0 && isHSpace(text.charCodeAt(p - 1))) p--;
    if (p === 0) return false;
    if (!isIdentChar(text.charCodeAt(p - 1))) return false;
    let w = p - 1;
    while (w > 0 && isIdentChar(text.charCodeAt(w - 1))) w--;
    return !OPERAND_KEYWORDS.has(text.slice(w, p));
  }

  // ---- conditionals ----------------------------------------------------------------------------------

  /** A backtick at `k` in inactive text: only conditionals matter (for nesting and for the way out). */
  private inactiveDirective(k: number): number {
    const e = identEnd(this.text, k + 1);
    if (e === k + 1) return k + 1;
    const name = this.text.slice(k + 1, e);
    return CONDITIONALS.has(name) ? this.conditional(k, name, e) : e;
  }

  private conditional(k: number, name: string, e: number): number {
    const text = this.text;
    const wasActive = this.cond.active;
    const opener = name === 'ifdef' || name === 'ifndef';
    const live = opener ? wasActive : this.cond.closerIsLive;
    if (!live) {
      // Nested inside inactive text: only the nesting matters.
      if (opener) this.cond.open(false, k, e);
      else if (name === 'endif') this.cond.endif();
      return e;
    }
    let end = e;
    let value = false;
    if (name !== 'else' && name !== 'endif') {
      const c = readCondition(text, e, (nm) => this.shared.macros.has(nm));
      end = c.end;
      if (c.value === undefined) this.report('pp-bad-directive', k, end, `\`${name} needs a macro name (or a parenthesized condition)`);
      else value = name === 'ifndef' ? !c.value : c.value;
    }
    let problem: string | undefined;
    if (opener) this.cond.open(value, k, end);
    else if (name === 'elsif') problem = this.cond.elsif(value);
    else if (name === 'else') problem = this.cond.else();
    else problem = this.cond.endif();
    if (problem) this.report('pp-unbalanced-conditional', k, end, problem);

    if (wasActive) this.out.copyTo(k);
    else this.closeInactive(k);
    this.out.blankTo(end);
    if (this.cond.active) return end;
    // Now inactive. A comment ending the directive line stays (it describes the directive).
    const eol = restOfLineIsTrivia(text, end);
    if (eol >= 0) {
      this.out.copyTo(eol);
      end = eol;
    }
    this.inactiveFrom = end;
    return end;
  }

  /** Ends the inactive run at `k`: blanks it, records its range (whole lines where possible) and hint. */
  private closeInactive(k: number): void {
    const text = this.text;
    const from = this.inactiveFrom;
    this.inactiveFrom = -1;
    if (from < 0) return;
    this.out.blankTo(k);
    // Start: first non-blank character, or the next line if the rest of the first line is blank.
    let s = skipHSpace(text, from);
    if (s < k && text.charCodeAt(s) === NL) s++;
    // End: back over blanks; if that reaches a line start, end at the end of the previous line.
    let t = k;
    while (t > s && isHSpace(text.charCodeAt(t - 1))) t--;
    if (t > s && text.charCodeAt(t - 1) === NL) {
      t--;
      if (t > s && text.charCodeAt(t - 1) === CR) t--;
    }
    if (t <= s) return;
    const range = this.range(s, t);
    this.inactiveRanges.push(range);
    this.diagnostics.push({
      file: this.fileName,
      range,
      severity: CODES['pp-inactive'].severity,
      code: 'pp-inactive',
      message: 'inactive preprocessor branch',
      tags: ['unnecessary'],
    });
  }
}

/** Diagnostics of one file in source order (stable: equal positions keep their order). */
function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
