/**
 * The TextMate grammars, tokenised with vscode-textmate on vscode-oniguruma (what VS Code runs).
 * A golden file per fixture catches any change in colouring (regenerate with UPDATE_GOLDEN=1 and
 * review the diff); the spot checks below pin the behaviours that matter most, independently of it.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import { GOLDEN_DIR, HIGHLIGHT_FIXTURES, REPO_ROOT, UPDATE_GOLDEN } from './support/paths';
import { formatTokens, scopesOf, tokenize, type Token } from './support/textmate';

const V = 'source.verilog';
const SV = 'source.systemverilog';

describe('golden token scopes', () => {
  for (const [fixture, scope] of [
    ['sample.v', V],
    ['sample.sv', SV],
  ] as const) {
    it(`${fixture} tokenises as recorded`, async () => {
      const text = readFileSync(path.join(HIGHLIGHT_FIXTURES, fixture), 'utf8');
      const actual = formatTokens(text, await tokenize(scope, text));
      const golden = path.join(GOLDEN_DIR, `${fixture}.tokens.txt`);
      if (UPDATE_GOLDEN || !existsSync(golden)) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(golden, actual);
        if (!UPDATE_GOLDEN) throw new Error(`wrote missing golden ${golden}; review and commit it`);
      }
      expect(actual).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

const innermost = (tokens: Token[], text: string, line?: number) => scopesOf(tokens, text, line).at(-1);

describe('Verilog', () => {
  it('colours declarations, instances and named connections', async () => {
    const t = await tokenize(V, 'module top;\n  fifo #(.W(8)) u_fifo (.clk(clk));\n  pe u_pe (.a(a));\nendmodule');
    expect(innermost(t, 'top')).toBe('entity.name.type.module.verilog');
    expect(innermost(t, 'fifo')).toBe('entity.name.type.module.verilog');
    expect(innermost(t, 'u_fifo')).toBe('entity.name.instance.verilog');
    expect(innermost(t, 'pe')).toBe('entity.name.type.module.verilog');
    expect(innermost(t, 'u_pe')).toBe('entity.name.instance.verilog');
    expect(innermost(t, 'clk', 1)).toBe('entity.other.attribute-name.port.verilog');
    expect(innermost(t, 'endmodule')).toBe('keyword.declaration.module.verilog');
  });

  it('tells a nonblocking assignment from a comparison', async () => {
    const t = await tokenize(V, 'if (a <= b) q <= d;\nq <= a <= b;');
    const ops = t.filter((x) => x.text === '<=').map((x) => x.scopes.at(-1));
    expect(ops).toEqual([
      'keyword.operator.relational.verilog',
      'keyword.operator.assignment.nonblocking.verilog',
      'keyword.operator.assignment.nonblocking.verilog',
      'keyword.operator.relational.verilog',
    ]);
  });

  it('reads sized and based numbers as one number', async () => {
    const t = await tokenize(V, "x = 8'hFF + 4'sb1x0z + 'd9 + 1.5e3 + 10ns;");
    expect(scopesOf(t, '8')).toEqual(['constant.numeric.hex.verilog']);
    expect(scopesOf(t, "'h")).toEqual(['constant.numeric.hex.verilog', 'keyword.other.unit.base.verilog']);
    expect(scopesOf(t, '1x0z')).toEqual(['constant.numeric.binary.verilog']);
    expect(innermost(t, '9')).toBe('constant.numeric.decimal.verilog');
    expect(innermost(t, '1.5e3')).toBe('constant.numeric.float.verilog');
    expect(innermost(t, 'ns')).toBe('keyword.other.unit.time.verilog');
  });

  it('keeps keywords inside comments and strings uncoloured', async () => {
    const t = await tokenize(V, '// module begin end\n$display("module %d", x); /* wire */');
    expect(t.filter((x) => x.scopes.some((s) => s.startsWith('keyword.') || s.startsWith('storage.')))).toEqual([]);
    expect(innermost(t, '%d')).toBe('constant.other.placeholder.verilog');
    expect(innermost(t, '$display')).toBe('support.function.system.verilog');
  });

  it('ends an unterminated string at the end of its line', async () => {
    const t = await tokenize(V, 'x = "oops;\nwire w;');
    expect(scopesOf(t, 'wire')).toEqual(['storage.type.verilog']);
  });

  it('carries a `define over continuation lines and no further', async () => {
    const t = await tokenize(V, '`define ADD(a, b) a + \\\n  b\nwire w;');
    expect(scopesOf(t, 'ADD')).toEqual(['meta.preprocessor.define.verilog', 'entity.name.function.preprocessor.verilog']);
    expect(scopesOf(t, '  b', 1)).toEqual(['meta.preprocessor.define.verilog']);
    expect(scopesOf(t, 'wire')).toEqual(['storage.type.verilog']);
  });

  it('colours directives, macro uses and ppa pragmas', async () => {
    const t = await tokenize(V, '`ifdef FAST\nx = `WIDTH;\n`endif\n// ppa: clock clk 1.25GHz');
    expect(innermost(t, 'ifdef')).toBe('keyword.control.directive.conditional.verilog');
    expect(innermost(t, 'FAST')).toBe('constant.other.macro.verilog');
    expect(scopesOf(t, 'WIDTH')).toEqual(['constant.other.macro.verilog']);
    expect(innermost(t, 'clock')).toBe('keyword.other.pragma.directive.verilog');
  });

  it('tells an attribute from the @(*) event control', async () => {
    const t = await tokenize(V, '(* keep *) reg r;\nalways @(*) r = 1;');
    expect(innermost(t, 'keep')).toBe('entity.other.attribute-name.verilog');
    expect(t.filter((x) => x.line === 1).some((x) => x.scopes.includes('meta.attribute.verilog'))).toBe(false);
  });

  it('leaves SystemVerilog-only words alone (they are identifiers in Verilog-2005)', async () => {
    const t = await tokenize(V, 'wire logic, bit;');
    expect(scopesOf(t, ' logic')).toEqual([]);
  });
});

describe('SystemVerilog', () => {
  it('adds its keywords and types and keeps the Verilog ones', async () => {
    const t = await tokenize(SV, 'always_ff @(posedge clk) q <= d;\nlogic [3:0] x;');
    expect(innermost(t, 'always_ff')).toBe('keyword.other.process.systemverilog');
    expect(innermost(t, 'posedge')).toBe('keyword.other.edge.verilog');
    expect(innermost(t, '<=')).toBe('keyword.operator.assignment.nonblocking.verilog');
    expect(innermost(t, 'logic')).toBe('storage.type.systemverilog');
  });

  it('names classes, packages, typedefs and scopes', async () => {
    const t = await tokenize(SV, 'class c extends b; endclass\ntypedef struct packed { logic v; } t_t;\nx = p::y;');
    expect(innermost(t, 'c')).toBe('entity.name.type.class.systemverilog');
    expect(innermost(t, 'b')).toBe('entity.other.inherited-class.systemverilog');
    expect(innermost(t, 't_t')).toBe('entity.name.type.typedef.systemverilog');
    expect(scopesOf(t, ' v')).toEqual(['meta.typedef.systemverilog']);
    expect(innermost(t, 'p')).toBe('entity.name.namespace.systemverilog');
  });

  it('does not take a virtual interface variable for an interface declaration', async () => {
    const t = await tokenize(SV, 'virtual interface bus_if vif;');
    expect(t.some((x) => x.scopes.some((s) => s.startsWith('entity.name.type.interface')))).toBe(false);
  });

  it('does not colour method calls as port connections', async () => {
    const t = await tokenize(SV, 'q.push_back(x);\nu (.a(b));');
    expect(innermost(t, 'push_back')).toBeUndefined();
    expect(innermost(t, 'a', 1)).toBe('entity.other.attribute-name.port.verilog');
  });
});

describe('grammar files', () => {
  const files = ['syntaxes/verilog.tmLanguage.json', 'syntaxes/systemverilog.tmLanguage.json'];
  const grammars = files.map((f) => JSON.parse(readFileSync(path.join(REPO_ROOT, f), 'utf8')) as Grammar);

  interface Grammar {
    scopeName: string;
    repository: Record<string, unknown>;
  }

  /** Every object in the grammar tree, with the grammar it belongs to. */
  function* walk(node: unknown): Generator<Record<string, unknown>> {
    if (Array.isArray(node)) for (const x of node) yield* walk(x);
    else if (node && typeof node === 'object') {
      yield node as Record<string, unknown>;
      for (const v of Object.values(node)) yield* walk(v);
    }
  }

  it('compiles every regular expression with Oniguruma', async () => {
    await tokenize(V, ''); // loads the wasm
    for (const g of grammars) {
      for (const node of walk(g)) {
        for (const key of ['match', 'begin', 'end']) {
          const source = node[key];
          if (typeof source !== 'string') continue;
          expect(() => new oniguruma.OnigScanner([source]).dispose(), `${g.scopeName}: ${source}`).not.toThrow();
        }
      }
    }
  });

  it('resolves every include', () => {
    const byScope = new Map(grammars.map((g) => [g.scopeName, g]));
    for (const g of grammars) {
      for (const node of walk(g)) {
        const inc = node.include;
        if (typeof inc !== 'string' || inc === '$self' || inc === '$base') continue;
        const [scope, rule] = inc.startsWith('#') ? [g.scopeName, inc.slice(1)] : inc.split('#');
        const target = byScope.get(scope!);
        expect(target, `${g.scopeName} includes unknown grammar ${inc}`).toBeDefined();
        if (rule) expect(target!.repository, `${g.scopeName} includes missing ${inc}`).toHaveProperty(rule);
      }
    }
  });

  it('ends every scope name with its language', () => {
    for (const g of grammars) {
      const suffix = g.scopeName.replace('source', '');
      for (const node of walk(g)) {
        if (node !== (g as unknown) && typeof node.name === 'string') {
          for (const scope of node.name.split(' ')) expect(scope.endsWith(suffix), `${g.scopeName}: ${scope}`).toBe(true);
        }
      }
    }
  });
});
