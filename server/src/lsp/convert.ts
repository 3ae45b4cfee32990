/** Core results -> LSP shapes. The only place that knows both. */
import {
  DiagnosticSeverity,
  DiagnosticTag,
  FoldingRangeKind,
  SymbolKind,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type FoldingRange,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import type { Diagnostic, Severity } from '../base/diagnostic';
import type { OutlineKind, OutlineSymbol } from '../syntax/symbols';
import type { FoldRange } from '../syntax/folding';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The scheme and authority of a workspace that is not on a local disk (VS Code for the Web:
 * `vscode-vfs://github/...`, `vscode-test-web://mount/...`; code-server: `vscode-remote://...`).
 * The server works on paths: there, a path is the URI's path, and a path becomes a URI again under
 * the workspace's scheme and authority. Set from the first workspace folder (server.ts).
 */
let workspaceScheme: { scheme: string; authority: string } | undefined;

export function adoptWorkspaceScheme(uri: string | undefined): void {
  const u = uri ? URI.parse(uri) : undefined;
  workspaceScheme = u && u.scheme !== 'file' ? { scheme: u.scheme, authority: u.authority } : undefined;
}

export function uriToPath(uri: string): string {
  const u = URI.parse(uri);
  return u.scheme === 'file' ? u.fsPath : u.path;
}

export function pathToUri(p: string): string {
  return workspaceScheme ? URI.from({ scheme: workspaceScheme.scheme, authority: workspaceScheme.authority, path: p }).toString() : URI.file(p).toString();
}

export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.code,
    source: 'ppa-lens',
    message: d.message,
    tags: d.tags?.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated)),
    relatedInformation: d.related?.map((r) => ({ location: { uri: pathToUri(r.file), range: r.range }, message: r.message })),
  };
}

const KIND: Record<OutlineKind, SymbolKind> = {
  module: SymbolKind.Module,
  port: SymbolKind.Interface,
  parameter: SymbolKind.Constant,
  net: SymbolKind.Variable,
  variable: SymbolKind.Variable,
  always: SymbolKind.Event,
  instance: SymbolKind.Object,
  generate: SymbolKind.Namespace,
  function: SymbolKind.Function,
  task: SymbolKind.Method,
};

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    name: s.name || '(anonymous)',
    kind: KIND[s.kind],
    detail: s.detail,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(toDocumentSymbol),
  };
}

export function toFoldingRange(f: FoldRange): FoldingRange {
  return {
    startLine: f.startLine,
    endLine: f.endLine,
    kind: f.kind === 'comment' ? FoldingRangeKind.Comment : f.kind === 'region' ? FoldingRangeKind.Region : undefined,
  };
}
