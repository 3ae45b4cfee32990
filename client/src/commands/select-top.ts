/**
 * "PPA Lens: Select Top Module": the modules that can be the top (the server's candidates; test
 * benches listed apart, with what gave them away) and "Automatic". The choice goes to `ppaLens.top`,
 * and a message says where it was written.
 */
import * as vscode from 'vscode';
import { TOPS_REQUEST, type TopsResult } from '../protocol';
import type { ServerConnection } from '../server-connection';
import { readSetting, settingsTargetLabel, writeSetting } from '../settings';

interface Item extends vscode.QuickPickItem {
  value?: string;
}

export async function selectTop(connection: ServerConnection): Promise<string | undefined> {
  if (!connection.isRunning) {
    void vscode.window.showWarningMessage('PPA Lens: the language server is not running.');
    return undefined;
  }
  const tops = await connection.client.sendRequest<TopsResult>(TOPS_REQUEST);
  const setting = readSetting('top');
  const items: Item[] = [
    {
      label: `${setting ? '$(blank)' : '$(check)'} Automatic`,
      description: !setting && tops.current ? `now ${tops.current}` : undefined,
      detail: 'skips test benches; the top of the hierarchy holding the file being edited',
      value: '',
    },
    { label: 'Design tops', kind: vscode.QuickPickItemKind.Separator },
    ...tops.candidates.map((c) => ({ label: `${setting === c ? '$(check)' : '$(blank)'} ${c}`, value: c })),
  ];
  if (tops.testbenches.length) {
    items.push({ label: 'Test benches', kind: vscode.QuickPickItemKind.Separator });
    items.push(...tops.testbenches.map((t) => ({ label: `${setting === t.name ? '$(check)' : '$(blank)'} ${t.name}`, description: `test bench: ${t.why}`, value: t.name })));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'PPA Lens: Select Top Module',
    placeHolder: tops.reason ? `${tops.current ?? 'no top'}: ${tops.reason}` : 'The module the estimates are for',
  });
  if (picked?.value === undefined) return undefined;
  await writeSetting('top', picked.value);
  void vscode.window.showInformationMessage(`PPA Lens: top ${picked.value ? `set to ${picked.value}` : 'chosen automatically'} (ppaLens.top in ${settingsTargetLabel()}).`);
  return picked.value;
}
