/** The Verilog or SystemVerilog document the user is looking at, if any: report commands start there. */
import * as vscode from 'vscode';
import { LANGUAGE_IDS } from '../ids';

export function activeHdlDocumentUri(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || !(LANGUAGE_IDS as readonly string[]).includes(doc.languageId)) return undefined;
  return doc.uri.toString();
}
