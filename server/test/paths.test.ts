/**
 * base/paths.ts, the core's path arithmetic without Node's `path` (so it runs in a browser worker):
 * on POSIX paths it answers as `path.posix` does, and it understands Windows paths.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve } from '../src/base/paths';

const SAMPLES = ['/', '/a', '/a/', '/a/b', '/a//b', 'a', 'a/b', './a', '../a', '/a/./b/../c', 'a/../..', '.', '..', '/..', '/w/rtl/top.v', 'x.v', '/a/b/'];

describe('POSIX paths: as path.posix', () => {
  it('dirname, basename, normalize, isAbsolute', () => {
    for (const s of SAMPLES) {
      expect(dirname(s), `dirname ${s}`).toBe(path.posix.dirname(s));
      expect(basename(s), `basename ${s}`).toBe(path.posix.basename(s));
      expect(normalize(s), `normalize ${s}`).toBe(path.posix.normalize(s));
      expect(isAbsolute(s), `isAbsolute ${s}`).toBe(path.posix.isAbsolute(s));
    }
  });

  it('join, resolve against an absolute folder, relative between absolute paths', () => {
    for (const a of SAMPLES)
      for (const b of SAMPLES) {
        if (a !== '.') expect(join(a, b), `join ${a} ${b}`).toBe(path.posix.join(a, b));
        if (!a.startsWith('/')) continue;
        expect(resolve(a, b), `resolve ${a} ${b}`).toBe(path.posix.resolve(a, b));
        if (b.startsWith('/')) expect(relative(a, b), `relative ${a} ${b}`).toBe(path.posix.relative(a, b));
      }
  });
});

describe('Windows paths', () => {
  it('either separator in, backslashes out', () => {
    expect(dirname('C:\\w\\top.v')).toBe('C:\\w');
    expect(dirname('C:\\top.v')).toBe('C:\\');
    expect(dirname('C:/w/top.v')).toBe('C:\\w');
    expect(basename('C:\\w\\top.v')).toBe('top.v');
    expect(join('C:\\w', 'rtl/top.v')).toBe('C:\\w\\rtl\\top.v');
    expect(resolve('C:\\w\\rtl', '..\\inc')).toBe('C:\\w\\inc');
    expect(resolve('C:\\w', 'D:\\x')).toBe('D:\\x');
    expect(relative('C:\\w\\a', 'c:\\W\\b\\c.v')).toBe('..\\b\\c.v');
    expect(isAbsolute('C:/w')).toBe(true);
    expect(isAbsolute('\\\\server\\share\\x')).toBe(true);
  });
});
