/**
 * package.json's `contributes` is the extension's real interface to VS Code; mistakes there fail
 * silently at runtime (a menu entry for an undeclared command just does not show). These tests hold
 * the manifest to the client code and to the files it points at.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_ID, COMMANDS, CONTEXT_KEYS, LANGUAGE_IDS, SETTINGS_SECTION } from '../src/ids';
import { SERVER_COMMANDS } from '../src/protocol';
import { FREQUENCY_PATTERN, SETTING_DEFAULTS } from '../src/settings-model';
import { REPO_ROOT } from './support/paths';

interface Manifest {
  main: string;
  displayName: string;
  engines: { vscode: string };
  activationEvents: string[];
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; restrictedConfigurations?: string[] };
  };
  contributes: {
    languages: { id: string; extensions: string[]; aliases: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    configuration: Array<{ id: string; title: string; properties: Record<string, Record<string, unknown>> }>;
    commands: { command: string; title: string; category: string; enablement?: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    jsonValidation: { fileMatch: string; url: string }[];
  };
}

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const c = manifest.contributes;
const declared = new Set(c.commands.map((x) => x.command));
const resolve = (p: string) => path.join(REPO_ROOT, p);

describe('commands', () => {
  it('declares exactly the commands the client registers', () => {
    expect([...declared].sort()).toEqual(Object.values(COMMANDS).sort());
  });

  it('declares every command a menu uses', () => {
    const used = Object.values(c.menus).flatMap((entries) => entries.map((e) => e.command));
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(declared, `menu uses undeclared ${id}`).toContain(id);
  });

  it('puts every command in the "PPA Lens" category with a title', () => {
    for (const cmd of c.commands) {
      expect(cmd.category).toBe('PPA Lens');
      expect(cmd.title.length).toBeGreaterThan(3);
    }
  });

  it('never reuses a server command id (vscode-languageclient would fail to register it)', () => {
    for (const id of Object.values(SERVER_COMMANDS)) expect(declared).not.toContain(id);
  });

  it('offers calibration only in a trusted workspace', () => {
    const calibrate = c.commands.find((x) => x.command === COMMANDS.calibrate)!;
    expect(calibrate.enablement).toContain('isWorkspaceTrusted');
    const palette = c.menus.commandPalette!.find((x) => x.command === COMMANDS.calibrate)!;
    expect(palette.when).toContain('isWorkspaceTrusted');
  });

  it('shows the report button in the title of Verilog and SystemVerilog editors, with an icon', () => {
    const entry = c.menus['editor/title']!.find((x) => x.command === COMMANDS.showReport)!;
    expect(entry.group).toBe('navigation');
    for (const id of LANGUAGE_IDS) expect(entry.when).toContain(`resourceLangId == ${id}`);
    expect(c.commands.find((x) => x.command === COMMANDS.showReport)!.icon).toMatch(/^\$\(.+\)$/);
  });

  it('uses only context keys VS Code or the client defines', () => {
    const known = new Set([...Object.values(CONTEXT_KEYS), 'isWorkspaceTrusted', 'resourceLangId', 'verilog', 'systemverilog']);
    for (const entries of Object.values(c.menus)) {
      for (const e of entries) {
        for (const word of (e.when ?? '').match(/[A-Za-z][\w.]*/g) ?? []) expect(known, `unknown context key ${word}`).toContain(word);
      }
    }
  });
});

describe('settings', () => {
  const props: Record<string, Record<string, unknown>> = Object.assign({}, ...c.configuration.map((g) => g.properties));

  it('come in titled categories whose ids start with the settings section (issue 18: no "Ppa Lens" in the titles)', () => {
    // VS Code's settings editor titles a setting by its key (`ppaLens.codeLens.enabled` -> "Ppa Lens ›
    // Code Lens: Enabled") unless the key starts with the id of the category it is shown under; with
    // one category that id is the extension's, which never matches. Search results keep the key's words.
    expect(c.configuration.length).toBeGreaterThan(1);
    const ids = c.configuration.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of c.configuration) {
      expect(g.id.startsWith(`${SETTINGS_SECTION}.`), g.id).toBe(true);
      expect(g.title.length).toBeGreaterThan(3);
      expect(g.title).not.toMatch(/Ppa/);
      expect(Object.keys(g.properties).length).toBeGreaterThan(0);
    }
    expect(manifest.displayName).toBe('PPA Lens');
  });

  it('declares exactly the settings the client knows, each with a default and a description', () => {
    expect(Object.keys(props).sort()).toEqual(Object.keys(SETTING_DEFAULTS).map((k) => `${SETTINGS_SECTION}.${k}`).sort());
    for (const [name, schema] of Object.entries(props)) {
      expect(schema, name).toHaveProperty('default');
      const description = (schema.markdownDescription ?? schema.description) as string | undefined;
      expect(description?.length ?? 0, `${name} has no description`).toBeGreaterThan(20);
    }
  });

  it('has the same defaults as the client code', () => {
    for (const [key, value] of Object.entries(SETTING_DEFAULTS)) expect(props[`${SETTINGS_SECTION}.${key}`]!.default, key).toEqual(value);
  });

  it('names the trace setting after the client id, as vscode-languageclient expects', () => {
    expect(props[`${CLIENT_ID}.trace.server`]).toBeDefined();
  });

  it('checks clock frequencies with the same pattern as ppa-lens.json', () => {
    const clockPattern = (props['ppaLens.clocks']!.additionalProperties as { pattern: string }).pattern;
    expect(clockPattern).toBe(FREQUENCY_PATTERN);
    const schema = JSON.parse(readFileSync(resolve('schemas/ppa-lens-config.schema.json'), 'utf8'));
    expect(schema.properties.clocks.additionalProperties.oneOf[0].pattern).toBe(FREQUENCY_PATTERN);
  });

  it('restricts only declared settings in untrusted workspaces', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [];
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe('limited');
    expect(restricted.length).toBeGreaterThan(0);
    for (const name of restricted) expect(Object.keys(props)).toContain(name);
  });
});

describe('languages, grammars and files', () => {
  it('contributes verilog (.v .vh) and systemverilog (.sv .svh)', () => {
    expect(c.languages.map((l) => l.id).sort()).toEqual([...LANGUAGE_IDS].sort());
    expect(c.languages.find((l) => l.id === 'verilog')!.extensions).toEqual(['.v', '.vh']);
    expect(c.languages.find((l) => l.id === 'systemverilog')!.extensions).toEqual(['.sv', '.svh']);
  });

  it('activates on both languages and on a ppa-lens.json workspace', () => {
    for (const id of LANGUAGE_IDS) expect(manifest.activationEvents).toContain(`onLanguage:${id}`);
    expect(manifest.activationEvents).toContain('workspaceContains:ppa-lens.json');
  });

  it('points at files that exist', () => {
    const files = [
      ...c.languages.map((l) => l.configuration),
      ...c.grammars.map((g) => g.path),
      ...c.jsonValidation.map((j) => j.url),
    ];
    for (const f of files) expect(existsSync(resolve(f)), `${f} is missing`).toBe(true);
  });

  it('gives each grammar the scope name its file declares, one per language', () => {
    for (const g of c.grammars) {
      const grammar = JSON.parse(readFileSync(resolve(g.path), 'utf8')) as { scopeName: string };
      expect(grammar.scopeName).toBe(g.scopeName);
      expect(LANGUAGE_IDS).toContain(g.language);
    }
    expect(c.grammars.map((g) => g.language).sort()).toEqual([...LANGUAGE_IDS].sort());
  });

  it('validates the workspace config and process model files with the shipped schemas', () => {
    const byMatch = new Map(c.jsonValidation.map((j) => [j.fileMatch, j.url]));
    expect(byMatch.get('ppa-lens.json')).toBe('./schemas/ppa-lens-config.schema.json');
    expect(byMatch.get('*.ppa-process.json')).toBe('./schemas/process-model.schema.json');
  });

  it('runs the bundled client on VS Code 1.91 or later', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.engines.vscode).toBe('^1.91.0');
  });
});
