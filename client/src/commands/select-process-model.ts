/**
 * "PPA Lens: Select Process Model": a quick pick of the built-in models and the workspace's
 * `*.ppa-process.json` files; the choice is written to `ppaLens.processModel`, which the server
 * receives as a configuration change.
 */
import * as vscode from 'vscode';
import { PROCESS_MODEL_FILE_GLOB } from '../ids';
import { processModelChoices, type ProcessModelChoice } from '../process-models';
import { readSetting, settingsTargetLabel, writeSetting } from '../settings';

interface Item extends vscode.QuickPickItem {
  choice?: ProcessModelChoice;
}

const MAX_WORKSPACE_FILES = 200;

export async function selectProcessModel(): Promise<string | undefined> {
  const found = await vscode.workspace.findFiles(PROCESS_MODEL_FILE_GLOB, '**/node_modules/**', MAX_WORKSPACE_FILES);
  const choices = processModelChoices(
    readSetting('processModel'),
    found.map((uri) => vscode.workspace.asRelativePath(uri, false)),
  );
  const items: Item[] = [];
  for (const kind of ['builtin', 'file'] as const) {
    const group = choices.filter((c) => c.kind === kind);
    if (!group.length) continue;
    items.push({ label: kind === 'builtin' ? 'Built-in' : 'Workspace files', kind: vscode.QuickPickItemKind.Separator });
    for (const choice of group) {
      items.push({
        label: `${choice.current ? '$(check)' : '$(blank)'} ${choice.label}`,
        description: choice.description,
        detail: choice.detail,
        choice,
      });
    }
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: 'PPA Lens: Select Process Model',
    placeHolder: 'The process the estimates (area, timing, yield, cost) are made for',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked?.choice) return undefined;
  await writeSetting('processModel', picked.choice.value);
  void vscode.window.showInformationMessage(`PPA Lens: process model set to ${picked.choice.value} (ppaLens.processModel in ${settingsTargetLabel()}).`);
  return picked.choice.value;
}
