/**
 * The Getting Started walkthrough (issue 18, problem 10): its five steps in order, each with a page
 * that exists and is shipped, a button for a command the extension contributes, and a way to be done.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/ids';
import { REPO_ROOT } from './support/paths';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const walkthrough = pkg.contributes.walkthroughs[0];
type Step = { id: string; title: string; description: string; media: { markdown: string }; completionEvents: string[] };

describe('Getting Started walkthrough', () => {
  it('has the five steps of a first session, in order', () => {
    expect(walkthrough.steps.map((s: Step) => s.title)).toEqual(['Open an example', 'Read the numbers', 'Set a clock budget', 'Compare DUV with EUV', 'Export the report']);
  });

  it('each step has a shipped page, a command button and a completion event', () => {
    const ignore = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    const contributed = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const s of walkthrough.steps as Step[]) {
      expect(existsSync(path.join(REPO_ROOT, s.media.markdown)), s.media.markdown).toBe(true);
      expect(ignore).toContain(`!${path.dirname(s.media.markdown)}/*.md`);
      const cmd = /\(command:([\w.]+)/.exec(s.description)?.[1];
      expect(cmd, s.id).toBeDefined();
      if (cmd!.startsWith('ppaLens.')) expect(contributed.has(cmd), cmd).toBe(true);
      expect(s.completionEvents.length).toBeGreaterThan(0);
    }
    expect(walkthrough.steps[0].description).toContain(`command:${COMMANDS.openExample}`);
  });

  it('the reading step explains every figure the first screen shows', () => {
    const page = readFileSync(path.join(REPO_ROOT, walkthrough.steps[1].media.markdown), 'utf8');
    for (const word of ['cells', 'placed', 'die', 'confidence', 'critical path', 'with masks']) expect(page.toLowerCase()).toContain(word);
  });

  it('the example it opens is built into dist/example and shipped', () => {
    expect(readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')).toContain('!dist/example/*.v');
    expect(readFileSync(path.join(REPO_ROOT, 'scripts', 'build.mjs'), 'utf8')).toContain("'dist/example'");
  });
});
