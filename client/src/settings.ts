/** Reads and writes `ppaLens.*` settings through VS Code's configuration API. */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from './ids';
import { SETTING_DEFAULTS, type SettingKey } from './settings-model';

type SettingValue<K extends SettingKey> = (typeof SETTING_DEFAULTS)[K] extends infer V
  ? V extends string
    ? string
    : V extends boolean
      ? boolean
      : V
  : never;

export function readSetting<K extends SettingKey>(key: K, scope?: vscode.ConfigurationScope): SettingValue<K> {
  const fallback = SETTING_DEFAULTS[key] as SettingValue<K>;
  return vscode.workspace.getConfiguration(SETTINGS_SECTION, scope).get<SettingValue<K>>(key, fallback);
}

/**
 * Writes a setting where the user will expect it: in the workspace when one is open (so a team can
 * commit it), otherwise in the user settings.
 */
export async function writeSetting<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length
    ? vscode.ConfigurationTarget.Workspace
    : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, target);
}

/** Where writeSetting writes, for the message that says so. */
export function settingsTargetLabel(): string {
  return vscode.workspace.workspaceFolders?.length ? 'the workspace settings, .vscode/settings.json' : 'your user settings';
}

/** True when a configuration change touches `ppaLens.<key>`. */
export function affects(event: vscode.ConfigurationChangeEvent, key: SettingKey): boolean {
  return event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`);
}
