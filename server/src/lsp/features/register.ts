/**
 * Registers the language features on the connection: each handler converts LSP params to the
 * core's (path, position), calls a pure feature function of analysis/features, and converts back.
 * Every handler is guarded: a failure is logged and answered with an empty result, never a crash,
 * and a file the server does not know, a closed file or an out-of-range position gives an empty
 * answer too.
 */
import { ResponseError, type Connection, type InitializeParams, type InlayHint as LspInlayHint, type ServerCapabilities } from 'vscode-languageserver';
import type { Position, Range } from '../../base/text';
import type { Diagnostic } from '../../base/diagnostic';
import type { AnalysisHost } from '../../analysis/host';
import type { FeatureContext } from '../../analysis/features/context';
import { codeActions } from '../../analysis/features/code-actions';
import { completion } from '../../analysis/features/completion';
import { hover } from '../../analysis/features/hover';
import { inlayHints } from '../../analysis/features/inlay-hints';
import { definition, highlights, references } from '../../analysis/features/navigation';
import { prepareRename, rename } from '../../analysis/features/rename';
import { semanticTokens } from '../../analysis/features/semantic-tokens';
import { workspaceSymbols } from '../../analysis/features/workspace-symbols';
import { uriToPath } from '../convert';
import {
  SEMANTIC_LEGEND,
  toCodeAction,
  toCompletionItem,
  toHighlight,
  toInlayHint,
  toLocation,
  toSemanticTokens,
  toWorkspaceEdit,
  toWorkspaceSymbol,
} from './convert-features';
import { WorkspaceIndexer, type IndexerFs } from './workspace-indexer';

export interface LanguageFeatures {
  /** Capabilities to merge into the InitializeResult; remembers the client's. */
  capabilities(params: InitializeParams): ServerCapabilities;
  /** Call once `initialized` arrived and the settings are applied: starts indexing the workspace. */
  initialized(): Promise<void>;
  /** A workspace folder joined (workspace/didChangeWorkspaceFolders): index it as the first ones. */
  folderAdded(folder: string): Promise<void>;
  /** A workspace folder left: its files leave the design. */
  folderRemoved(folder: string): void;
}

/**
 * Answers other parts of the server add to this file's hover and inlay hints (the estimates'
 * paragraph and hints): an LSP connection has one handler per request, so they compose here.
 */
export interface FeatureExtensions {
  hover?(ctx: FeatureContext, file: string, pos: Position): { markdown: string; range?: Range } | undefined;
  inlayHints?(file: string, range?: Range): LspInlayHint[];
  /** Diagnostics to publish with a file's own when indexing republishes, and a call after the index changed. */
  diagnostics?(file: string): Diagnostic[];
  indexChanged?(): void;
  /** The workspace indexer started (true) or finished (false) a pass: estimates wait for it. */
  indexing?(active: boolean): void;
  /** Called after every request answered here (background work waits while requests come). */
  requestHandled?(): void;
  /** Workspace files the file watcher reported changed (the synthesis correction follows its file). */
  filesChanged?(files: string[]): void;
}

export function registerLanguageFeatures(
  connection: Connection,
  getHost: () => AnalysisHost | undefined,
  extensions: FeatureExtensions = {},
  /** The server's reads (read-policy.ts) and the workspace as the platform lists it. */
  reads: { readFile(file: string): string | undefined; workspaceFs: IndexerFs },
): LanguageFeatures {
  let params: InitializeParams | undefined;
  /** One indexer per workspace folder. */
  const indexers = new Map<string, WorkspaceIndexer>();
  const readText = (file: string): string | undefined => {
    const doc = getHost()?.get(file);
    if (doc) return doc.sourceText;
    return reads.readFile(file);
  };
  /** Runs a feature with the host, logging (not throwing) failures. */
  const run = <T>(what: string, fallback: T, f: (ctx: FeatureContext) => T): T => {
    const host = getHost();
    if (!host) return fallback;
    try {
      return f({ host, readText });
    } catch (e) {
      if (e instanceof ResponseError) throw e; // a refusal the user should read (rename)
      connection.console.error(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    } finally {
      extensions.requestHandled?.();
    }
  };
  const path = (uri: string | undefined) => (typeof uri === 'string' ? uriToPath(uri) : '');

  connection.onHover((p) =>
    run('hover', null, (ctx) => {
      const file = path(p.textDocument?.uri);
      const h = hover(ctx, file, p.position);
      const extra = extensions.hover?.(ctx, file, p.position);
      if (!h && !extra) return null;
      const value = [h?.markdown, extra?.markdown].filter(Boolean).join('\n\n---\n\n');
      return { contents: { kind: 'markdown' as const, value }, range: h?.range ?? extra?.range };
    }),
  );
  connection.onDefinition((p) => run('definition', [], (ctx) => definition(ctx, path(p.textDocument?.uri), p.position).map(toLocation)));
  connection.onReferences((p) =>
    run('references', [], (ctx) => references(ctx, path(p.textDocument?.uri), p.position, p.context?.includeDeclaration !== false).map(toLocation)),
  );
  connection.onDocumentHighlight((p) => run('documentHighlight', [], (ctx) => highlights(ctx, path(p.textDocument?.uri), p.position).map(toHighlight)));
  connection.onPrepareRename((p) =>
    run('prepareRename', null, (ctx) => {
      const r = prepareRename(ctx, path(p.textDocument?.uri), p.position);
      if ('error' in r) throw new ResponseError(-32803 /* RequestFailed */, r.error);
      return r;
    }),
  );
  connection.onRenameRequest((p) =>
    run('rename', null, (ctx) => {
      const r = rename(ctx, path(p.textDocument?.uri), p.position, String(p.newName ?? ''));
      if ('error' in r) throw new ResponseError(-32803, r.error);
      return toWorkspaceEdit(r.edit);
    }),
  );
  connection.onCompletion((p) => run('completion', [], (ctx) => completion(ctx, path(p.textDocument?.uri), p.position).map(toCompletionItem)));
  connection.onWorkspaceSymbol((p) => run('workspaceSymbol', [], (ctx) => workspaceSymbols(ctx, String(p.query ?? '')).map(toWorkspaceSymbol)));
  connection.languages.semanticTokens.on((p) => run('semanticTokens', { data: [] }, (ctx) => toSemanticTokens(semanticTokens(ctx, path(p.textDocument?.uri)))));
  connection.languages.semanticTokens.onRange((p) =>
    run('semanticTokens/range', { data: [] }, (ctx) => toSemanticTokens(semanticTokens(ctx, path(p.textDocument?.uri), p.range))),
  );
  connection.languages.inlayHint.on((p) =>
    run('inlayHint', [], (ctx) => {
      const file = path(p.textDocument?.uri);
      const own = inlayHints(ctx, file, p.range).map(toInlayHint);
      const extra = extensions.inlayHints?.(file, p.range) ?? [];
      return extra.length ? [...own, ...extra].sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character) : own;
    }),
  );
  connection.onCodeAction((p) => run('codeAction', [], (ctx) => codeActions(ctx, path(p.textDocument?.uri), p.range).map(toCodeAction)));

  return {
    capabilities(p) {
      params = p;
      return {
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['.'] },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true, range: true },
        inlayHintProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
      };
    },
    initialized() {
      const p = params;
      const folders = p?.workspaceFolders?.length ? p.workspaceFolders.map((f) => f.uri) : p?.rootUri ? [p.rootUri] : [];
      return Promise.all(folders.map((f) => this.folderAdded(uriToPath(f)))).then(() => undefined);
    },
    folderAdded(folder) {
      const p = params;
      const opts = p?.initializationOptions as { indexWorkspace?: boolean } | undefined;
      if (!p || opts?.indexWorkspace === false || indexers.has(folder)) return Promise.resolve();
      const ix = new WorkspaceIndexer(connection, getHost, folder, p.capabilities, reads.workspaceFs, { diagnostics: extensions.diagnostics, changed: extensions.indexChanged, indexing: extensions.indexing, watched: extensions.filesChanged });
      indexers.set(folder, ix);
      return ix.start().catch((e: unknown) => {
        connection.console.error(`workspace indexing: ${e instanceof Error ? e.message : String(e)}`);
        extensions.indexing?.(false);
      });
    },
    folderRemoved(folder) {
      indexers.get(folder)?.stop();
      indexers.delete(folder);
    },
  };
}
