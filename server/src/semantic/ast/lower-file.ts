/**
 * Entry point of the lowering: one ParsedFile -> FileAst. Pure; never throws (an unexpected failure
 * inside one module turns that module into nothing and an `unsupported` note).
 */
import type { LightNode as Node } from '../../syntax/light-tree';
import type { ParsedFile } from '../../syntax/parsed-file';
import { childOfType, isTriviaType } from './cst';
import { LowerContext } from './lower-context';
import { bindTargetOf, bindWhat, lowerImport, lowerModuleToAst, lowerUnitItems } from './lower-module';
import type { FileAst, ImportDecl, ModuleDecl, UnsupportedItem } from './types';

/** Named children that are not comments or attributes (of the few top-level nodes, read from the tree). */
function namedChildren(n: Node): Node[] {
  const out: Node[] = [];
  for (const c of n.namedChildren) if (c && !isTriviaType(c.type)) out.push(c);
  return out;
}

/**
 * The name of a design unit we do not lower (interface, program, primitive, checker...): the first
 * identifier of the declaration or of its header.
 */
function declaredUnitName(n: Node): string | undefined {
  for (const c of namedChildren(n).slice(0, 3)) {
    if (c.type === 'simple_identifier' || c.type === 'escaped_identifier') return c.text;
    if (c.type.endsWith('_header') || c.type.startsWith('udp_') && c.type.endsWith('_declaration'))
      for (const d of namedChildren(c).slice(0, 4)) if (d.type === 'simple_identifier' || d.type === 'escaped_identifier') return d.text;
  }
  return undefined;
}

/** A whole copy of a node and everything under it (the items' own children are made as they are read). */
function lightTree(n: Node): Node {
  return n.tree.node(n.index);
}

/**
 * Modules lowered from the previous version of a file, by their text and place. A module whose
 * parsed text and source span are unchanged lowers to the same declaration, so it is reused, and
 * only the changed modules of a file are made into light nodes and lowered.
 */
export type LoweringCache = Map<string, ModuleDecl>;

export function lowerFile(parsed: ParsedFile, cache?: LoweringCache): FileAst {
  const ctx = new LowerContext(parsed);
  const modules: ModuleDecl[] = [];
  const packages: ModuleDecl[] = [];
  const unsupported: UnsupportedItem[] = [];
  /** `import p::*;` outside any design unit: visible in the units that follow in this file. */
  const fileImports: ImportDecl[] = [];
  let importsKey = '';
  /** File-level declarations ($unit): a package of the file, imported by the units after them. */
  const unitName = `$unit:${parsed.file}`;
  const unitNodes: Node[] = [];
  const next: LoweringCache = new Map();
  const text = parsed.parsedText;
  const locOf = (n: Node) => parsed.locate(n.startIndex, n.endIndex);
  const visit = (n: Node, depth: number): void => {
    const type = n.type;
    if (isTriviaType(type) || depth > 4) return;
    if (type === 'package_import_declaration') {
      fileImports.push(...lowerImport(ctx, lightTree(n)));
      importsKey += text.slice(n.startIndex, n.endIndex) + `@${n.startIndex}`;
      return;
    }
    if (['local_parameter_declaration', 'parameter_declaration', 'data_declaration', 'function_declaration', 'type_declaration', 'net_declaration'].includes(type)) {
      const light = lightTree(n);
      if (type === 'data_declaration' && childOfType(light, 'package_import_declaration')) {
        fileImports.push(...lowerImport(ctx, childOfType(light, 'package_import_declaration')!));
      } else {
        if (!unitNodes.length) {
          const loc = locOf(n);
          fileImports.push({ kind: 'import', pkg: unitName, pkgLoc: loc, loc });
        }
        unitNodes.push(light);
      }
      importsKey += text.slice(n.startIndex, n.endIndex) + `@${n.startIndex}`;
      return;
    }
    if (type === 'module_declaration' || type === 'package_declaration' || type === 'interface_declaration') {
      const start = n.startIndex;
      const end = n.endIndex;
      const loc = parsed.locate(start, end);
      try {
        const key = `${loc.range.start.line}:${loc.range.start.character}-${loc.range.end.line}:${loc.range.end.character}|${importsKey}|${text.slice(start, end)}`;
        let m = cache?.get(key);
        if (!m) {
          // copied compactly, each item made into light nodes only while it is lowered (lowerModuleToAst)
          const tree = n.tree.subtree(n.index);
          m = lowerModuleToAst(ctx, tree.shallow(0), fileImports.slice(), tree);
        }
        if (m) {
          (m.unit === 'package' ? packages : modules).push(m);
          next.set(key, m);
        }
      } catch (e) {
        unsupported.push({ kind: 'unsupported', loc, what: `module could not be read (${(e as Error).message})` });
      }
      return;
    }
    // Modules can sit inside wrappers (description, conditional directives, error recovery nodes).
    if (type === 'description' || type === 'ERROR' || type === 'conditional_compilation_directive' || type.endsWith('_group') || type === 'source_file') {
      for (const c of namedChildren(n)) visit(c, depth + 1);
      return;
    }
    if (type.endsWith('_compiler_directive') || type === 'text_macro_definition') return;
    if (type === 'bind_directive') {
      // a file-level bind: noted in the modules it targets (SemanticModel.elaborate)
      const light = lightTree(n);
      const target = bindTargetOf(light);
      unsupported.push({ kind: 'unsupported', loc: locOf(n), what: bindWhat(light), ...(target ? { bindTarget: target } : {}) });
      return;
    }
    if (['program_declaration', 'class_declaration', 'interface_class_declaration', 'checker_declaration', 'udp_declaration', 'config_declaration'].includes(type)) {
      const item: UnsupportedItem = { kind: 'unsupported', loc: locOf(n), what: type.replace(/_declaration$/, '').replace(/_/g, ' ') };
      const name = declaredUnitName(n);
      if (name) item.name = name;
      unsupported.push(item);
    }
  };
  for (const n of parsed.topLevelItems()) visit(n, 0);
  try {
    const unit = lowerUnitItems(ctx, unitName, unitNodes);
    if (unit) packages.push(unit);
  } catch (e) {
    unsupported.push({ kind: 'unsupported', loc: parsed.locate(0, 0), what: `file-level declarations could not be read (${(e as Error).message})` });
  }
  if (cache) {
    cache.clear();
    for (const [k, m] of next) cache.set(k, m);
  }
  return { file: parsed.file, version: parsed.version, modules, packages, unsupported };
}
