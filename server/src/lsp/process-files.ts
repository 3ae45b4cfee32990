/**
 * Process-model files (`*.ppa-process.json`) open in the editor: every problem the loader finds
 * (schema, ranges, an `extends` cycle, an unknown built-in) is a diagnostic at its place in the file,
 * for every LSP client, not only those that read the JSON Schema. The text is the editor's buffer,
 * so problems show while typing, before saving.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { loadProcessModel } from '../process';
import * as path from '../base/paths';
import type { Diagnostic } from '../base/diagnostic';
import { toLspDiagnostic, pathToUri } from './convert';

/**
 * A problem found in a file this one extends (an `extends` cycle closes there, say) is shown here too,
 * at this file's `extends` value, pointing to where it is.
 */
function viaExtends(doc: TextDocument, d: Diagnostic): Diagnostic {
  const text = doc.getText();
  const m = /"extends"\s*:\s*"([^"]*)"/.exec(text);
  const start = m ? m.index + m[0].length - m[1].length - 1 : 0;
  const end = m ? start + m[1].length + 2 : 0;
  return {
    ...d,
    file: doc.uri,
    range: { start: doc.positionAt(start), end: doc.positionAt(end) },
    message: `in ${path.basename(d.file)}: ${d.message}`,
    related: [{ file: d.file, range: d.range, message: 'here' }, ...(d.related ?? [])],
  };
}

export const isProcessFile = (file: string) => file.endsWith('.ppa-process.json');

export function createProcessFiles(connection: Connection, readDisk: (p: string) => string | undefined) {
  const open = new Map<string, TextDocument>();
  const publish = (file: string) => {
    const doc = open.get(file);
    if (!doc) return;
    let diagnostics: ReturnType<typeof toLspDiagnostic>[];
    try {
      const read = (p: string) => open.get(p)?.getText() ?? readDisk(p);
      const all = loadProcessModel(file, read).diagnostics;
      diagnostics = [...all.filter((d) => d.file === file), ...all.filter((d) => d.file !== file).map((d) => viaExtends(doc, d))].map(toLspDiagnostic);
    } catch (e) {
      connection.console.error(`process model ${file}: ${e instanceof Error ? e.message : String(e)}`);
      diagnostics = [];
    }
    void connection.sendDiagnostics({ uri: pathToUri(file), version: doc.version, diagnostics });
  };
  return {
    open(file: string, text: string, version: number) {
      open.set(file, TextDocument.create(pathToUri(file), 'json', version, text));
      publish(file);
    },
    change(file: string, changes: TextDocumentContentChangeEvent[], version: number) {
      const doc = open.get(file);
      if (!doc) return;
      open.set(file, TextDocument.update(doc, changes, version));
      publish(file);
    },
    close(file: string) {
      open.delete(file);
      void connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
    },
  };
}
