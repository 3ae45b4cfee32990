/**
 * Entry point of the lowering: one ParsedFile -> FileAst. Pure; never throws (an unexpected failure
 * inside one module turns that module into nothing and an `unsupported` note).
 */
import type { Node } from 'web-tree-sitter';
import type { ParsedFile } from '../../syntax/parsed-file';
import { isTrivia, namedChildren } from './cst';
import { LowerContext } from './lower-context';
import { lowerModule } from './lower-module';
import type { FileAst, ModuleDecl, UnsupportedItem } from './types';

/** A ParsedFile that can also list its top-level items after module-boundary recovery. */
interface WithTopLevelItems {
  topLevelItems(): Node[];
}

function topItems(parsed: ParsedFile): Node[] {
  const t = (parsed as Partial<WithTopLevelItems>).topLevelItems;
  if (typeof t === 'function') return t.call(parsed);
  return namedChildren(parsed.tree.rootNode);
}

/**
 * Modules lowered from the previous version of a file, by their text and place. Lowering walks every
 * node through the parser's wasm and dominated the cost of a keystroke in a large file; a module
 * whose parsed text and source span are unchanged lowers to the same declaration, so it is reused.
 */
export type LoweringCache = Map<string, ModuleDecl>;

export function lowerFile(parsed: ParsedFile, cache?: LoweringCache): FileAst {
  const ctx = new LowerContext(parsed);
  const modules: ModuleDecl[] = [];
  const unsupported: UnsupportedItem[] = [];
  const next: LoweringCache = new Map();
  const visit = (n: Node, depth: number): void => {
    if (isTrivia(n) || depth > 4) return;
    if (n.type === 'module_declaration') {
      try {
        const loc = ctx.loc(n);
        const key = `${loc.range.start.line}:${loc.range.start.character}-${loc.range.end.line}:${loc.range.end.character}|${n.text}`;
        const m = cache?.get(key) ?? lowerModule(ctx, n);
        if (m) {
          modules.push(m);
          next.set(key, m);
        }
      } catch (e) {
        unsupported.push({ kind: 'unsupported', loc: ctx.loc(n), what: `module could not be read (${(e as Error).message})` });
      }
      return;
    }
    // Modules can sit inside wrappers (description, conditional directives, error recovery nodes).
    if (n.type === 'description' || n.type === 'ERROR' || n.type === 'conditional_compilation_directive' || n.type.endsWith('_group') || n.type === 'source_file') {
      for (const c of namedChildren(n)) visit(c, depth + 1);
      return;
    }
    if (n.type.endsWith('_compiler_directive') || n.type === 'text_macro_definition') return;
    if (['package_declaration', 'interface_declaration', 'program_declaration', 'class_declaration', 'checker_declaration', 'udp_declaration', 'config_declaration'].includes(n.type))
      unsupported.push({ kind: 'unsupported', loc: ctx.loc(n), what: n.type.replace(/_declaration$/, '').replace(/_/g, ' ') });
  };
  for (const n of topItems(parsed)) visit(n, 0);
  if (cache) {
    cache.clear();
    for (const [k, m] of next) cache.set(k, m);
  }
  return { file: parsed.file, version: parsed.version, modules, unsupported };
}
