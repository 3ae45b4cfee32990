/**
 * "PPA Lens: Open the Example" (the walkthrough's first step): copies the example design shipped in
 * the extension (dist/example) into the extension's storage and opens that folder, so the user edits
 * a copy and every file of it is in the workspace.
 */
import * as vscode from 'vscode';

export async function openExample(context: vscode.ExtensionContext): Promise<void> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'dist', 'example');
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'example-systolic4x4');
  let files: [string, vscode.FileType][];
  try {
    files = await vscode.workspace.fs.readDirectory(source);
  } catch {
    void vscode.window.showErrorMessage('PPA Lens: this installation has no example design (dist/example is missing).');
    return;
  }
  await vscode.workspace.fs.createDirectory(target);
  for (const [name, type] of files) {
    if (type !== vscode.FileType.File || !/\.s?v$/.test(name)) continue;
    const dest = vscode.Uri.joinPath(target, name);
    // an earlier copy the user edited is kept
    const exists = await vscode.workspace.fs.stat(dest).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), dest);
  }
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: !!vscode.workspace.workspaceFolders?.length });
}
