/**
 * A command's sources opened into a semantic model: each file preprocessed (its own folder, the
 * include folders and the working folder searched for `include) and parsed, then lowered. The
 * editor's sources are the workspace host's instead (analysis/host.ts); both end in a
 * SemanticModel that a DesignSession reads.
 */
import type { MacroDef } from '../../syntax/preprocess';
import type { ParserBackend } from '../../syntax/backend';
import { SyntaxDocument } from '../../syntax/document';
import { SemanticModel } from '../../semantic/index';
import { dirname } from '../../base/paths';

export interface SourceInputs {
  files: readonly string[];
  includeDirs: readonly string[];
  defines: Readonly<Record<string, string>>;
}

export interface OpenedSources {
  semantic: SemanticModel;
  /** The documents, disposed once lowered: their texts only (`parsedText`, `sourceText`). */
  docs: SyntaxDocument[];
  /** Source lines read (a file's last line counted once, with or without its newline). */
  lines: number;
  /** Drops the documents. */
  dispose(): void;
}

/**
 * Opens `inputs.files` in order. `readSource` gives a file's text or throws (the shell's message
 * for an unreadable input); `readInclude` reads an included file (undefined: not there, a throw:
 * refused). On a throw the documents opened so far are freed.
 */
export function openSources(
  lang: ParserBackend,
  inputs: SourceInputs,
  io: { readSource: (file: string) => string; readInclude: (file: string) => string | undefined; cwd: string },
): OpenedSources {
  const defines = new Map<string, MacroDef>(Object.entries(inputs.defines).map(([name, body]) => [name, { name, body }]));
  const semantic = new SemanticModel();
  const docs: SyntaxDocument[] = [];
  const dispose = () => {
    for (const d of docs.splice(0)) d.dispose();
  };
  let lines = 0;
  try {
    for (const f of inputs.files) {
      const text = io.readSource(f);
      lines += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const doc = SyntaxDocument.open(lang, f, text, { defines, includeDirs: [dirname(f), ...inputs.includeDirs, io.cwd], readFile: io.readInclude, incremental: false });
      docs.push(doc);
      semantic.updateFile(doc);
      // lowered: a command reads only the document's text from here on, so its tree is freed now
      // (a 30k-line netlist's columns are some 20 MB that would live through the whole estimate)
      doc.dispose();
    }
  } catch (e) {
    dispose();
    throw e;
  }
  return { semantic, docs, lines, dispose };
}
