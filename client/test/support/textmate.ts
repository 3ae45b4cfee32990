/**
 * Tokenises text with the extension's TextMate grammars exactly as VS Code does: vscode-textmate
 * on the Oniguruma regex engine compiled to wasm (vscode-oniguruma), the same two libraries VS Code
 * itself runs.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO_ROOT } from './paths';

const require = createRequire(import.meta.url);

/** scopeName → grammar file, read from package.json so the test sees what VS Code would load. */
function grammarFiles(): Map<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { scopeName: string; path: string }[] };
  };
  return new Map((pkg.contributes?.grammars ?? []).map((g) => [g.scopeName, path.join(REPO_ROOT, g.path)]));
}

let registry: Promise<textmate.Registry> | undefined;

function getRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files = grammarFiles();
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = files.get(scopeName);
        if (!file) return null;
        return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
    });
  })();
  return registry;
}

export interface Token {
  line: number;
  /** 0-based start column. */
  start: number;
  text: string;
  /** Scopes from outermost to innermost, the grammar's root scope left out. */
  scopes: string[];
}

export async function tokenize(scopeName: string, text: string): Promise<Token[]> {
  const grammar = await (await getRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`no grammar for ${scopeName}`);
  const tokens: Token[] = [];
  let state = textmate.INITIAL;
  text.split(/\r?\n/).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    for (const t of result.tokens) {
      tokens.push({
        line,
        start: t.startIndex,
        text: lineText.slice(t.startIndex, t.endIndex),
        scopes: t.scopes.slice(1),
      });
    }
    state = result.ruleStack;
  });
  return tokens;
}

/**
 * The golden text: each source line, then one row per token that is not bare whitespace.
 * Line-oriented so a grammar change shows up as a readable diff.
 */
export function formatTokens(text: string, tokens: Token[]): string {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  lines.forEach((lineText, line) => {
    out.push(`## ${line + 1}: ${lineText}`);
    for (const t of tokens) {
      if (t.line !== line || (t.text.trim() === '' && t.scopes.length === 0)) continue;
      out.push(`${JSON.stringify(t.text).padEnd(24)} ${t.scopes.join(' ') || '-'}`);
    }
  });
  return out.join('\n') + '\n';
}

/** The innermost scopes of the first token whose text is exactly `text` (on `line` when given). */
export function scopesOf(tokens: Token[], text: string, line?: number): string[] {
  const t = tokens.find((x) => x.text === text && (line === undefined || x.line === line));
  if (!t) throw new Error(`no token ${JSON.stringify(text)}${line === undefined ? '' : ` on line ${line}`}`);
  return t.scopes;
}
