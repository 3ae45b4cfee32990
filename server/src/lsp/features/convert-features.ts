/** Feature results of the analysis core -> LSP shapes. */
import {
  CodeActionKind,
  CompletionItemKind,
  DocumentHighlightKind,
  InlayHintKind,
  SymbolKind,
  type CodeAction as LspCodeAction,
  type CompletionItem as LspCompletionItem,
  type DocumentHighlight,
  type InlayHint as LspInlayHint,
  type Location,
  type SemanticTokens,
  type WorkspaceEdit as LspWorkspaceEdit,
  type WorkspaceSymbol as LspWorkspaceSymbol,
} from 'vscode-languageserver';
import type { CodeAction } from '../../analysis/features/code-actions';
import type { CompletionItem, CompletionKind } from '../../analysis/features/completion';
import type { FileRange, WorkspaceEdit } from '../../analysis/features/context';
import type { InlayHint } from '../../analysis/features/inlay-hints';
import type { Highlight } from '../../analysis/features/navigation';
import { TOKEN_MODIFIERS, TOKEN_TYPES, type SemanticToken } from '../../analysis/features/semantic-tokens';
import type { WorkspaceSymbol } from '../../analysis/features/workspace-symbols';
import { pathToUri, toLspDiagnostic } from '../convert';

export const SEMANTIC_LEGEND = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

export function toLocation(r: FileRange): Location {
  return { uri: pathToUri(r.file), range: r.range };
}

export function toWorkspaceEdit(edit: WorkspaceEdit): LspWorkspaceEdit {
  const changes: NonNullable<LspWorkspaceEdit['changes']> = {};
  for (const [file, edits] of edit) changes[pathToUri(file)] = edits;
  return { changes };
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  module: CompletionItemKind.Module,
  port: CompletionItemKind.Field,
  parameter: CompletionItemKind.Constant,
  net: CompletionItemKind.Variable,
  instance: CompletionItemKind.Reference,
  function: CompletionItemKind.Function,
  keyword: CompletionItemKind.Keyword,
};

export function toCompletionItem(c: CompletionItem): LspCompletionItem {
  return { label: c.label, kind: COMPLETION_KIND[c.kind], detail: c.detail, sortText: c.sortText };
}

const SYMBOL_KIND: Record<WorkspaceSymbol['kind'], SymbolKind> = {
  module: SymbolKind.Module,
  port: SymbolKind.Interface,
  net: SymbolKind.Variable,
  parameter: SymbolKind.Constant,
  instance: SymbolKind.Object,
  function: SymbolKind.Function,
  genvar: SymbolKind.Variable,
  block: SymbolKind.Namespace,
  package: SymbolKind.Package,
  modport: SymbolKind.Interface,
  type: SymbolKind.Class,
  'enum-member': SymbolKind.EnumMember,
  field: SymbolKind.Field,
};

export function toWorkspaceSymbol(s: WorkspaceSymbol): LspWorkspaceSymbol {
  return { name: s.name, kind: SYMBOL_KIND[s.kind], containerName: s.container, location: toLocation(s.location) };
}

export function toSemanticTokens(tokens: SemanticToken[]): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    const dc = dl === 0 ? t.character - char : t.character;
    let mods = 0;
    for (const m of t.modifiers) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data.push(dl, dc, t.length, TOKEN_TYPES.indexOf(t.type), mods);
    line = t.line;
    char = t.character;
  }
  return { data };
}

export function toInlayHint(h: InlayHint): LspInlayHint {
  return { position: h.position, label: h.label, kind: h.kind === 'type' ? InlayHintKind.Type : InlayHintKind.Parameter, paddingLeft: h.paddingLeft, paddingRight: h.paddingRight };
}

export function toHighlight(h: Highlight): DocumentHighlight {
  return { range: h.range, kind: h.kind === 'write' ? DocumentHighlightKind.Write : h.kind === 'read' ? DocumentHighlightKind.Read : DocumentHighlightKind.Text };
}

export function toCodeAction(a: CodeAction): LspCodeAction {
  return {
    title: a.title,
    kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    diagnostics: a.diagnostics?.map(toLspDiagnostic),
    isPreferred: a.isPreferred,
    edit: toWorkspaceEdit(a.edits),
  };
}
