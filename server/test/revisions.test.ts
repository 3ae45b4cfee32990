/**
 * The one staleness mechanism (base/revisions.ts): a derived result is reused exactly when the
 * inputs it read are unchanged; a change to an input it did not read does not recompute it; a
 * dependency recomputed to an equal result (the same object) cuts the recomputation off there.
 * Counted through the memo's counters and the compute calls, not timed.
 */
import { describe, expect, test } from 'vitest';
import { Identities, Input, Memo, ReadLog, STALE, WeakMemo, sameData, sameReads } from '../src/base/revisions';

describe('Input', () => {
  test('the revision grows on a change, not on setting an equal value', () => {
    const a = new Input('x');
    expect(a.revision).toBe(0);
    expect(a.set('x')).toBe(false);
    expect(a.revision).toBe(0);
    expect(a.set('y')).toBe(true);
    expect(a.revision).toBe(1);
    expect(a.get()).toBe('y');
    a.changed();
    expect(a.revision).toBe(2);
  });

  test('a structural equality keeps the revision of an equal new object', () => {
    const eq = (p: number[], q: number[]) => p.length === q.length && p.every((v, i) => v === q[i]);
    const a = new Input([1, 2], eq);
    expect(a.set([1, 2])).toBe(false);
    expect(a.revision).toBe(0);
    expect(a.set([1, 3])).toBe(true);
    expect(a.revision).toBe(1);
  });
});

describe('Memo', () => {
  // three inputs; the derived result `sum` reads a and b only
  const setup = () => {
    const a = new Input(1);
    const b = new Input(2);
    const c = new Input(100);
    const memo = new Memo<string, number>();
    let runs = 0;
    const sum = () =>
      memo.get('sum', [a.revision, b.revision], () => {
        runs++;
        return a.get() + b.get();
      });
    return { a, b, c, memo, sum, runs: () => runs };
  };

  test('reused when nothing it read changed', () => {
    const s = setup();
    expect(s.sum()).toBe(3);
    expect(s.sum()).toBe(3);
    expect(s.runs()).toBe(1);
    expect(s.memo.counts).toEqual({ computed: 1, reused: 1 });
  });

  test('recomputed when an input it read changed', () => {
    const s = setup();
    s.sum();
    s.a.set(5);
    expect(s.sum()).toBe(7);
    expect(s.runs()).toBe(2);
    s.b.set(2); // equal: no new revision
    expect(s.sum()).toBe(7);
    expect(s.runs()).toBe(2);
  });

  test('not recomputed when an input it did not read changed', () => {
    const s = setup();
    s.sum();
    s.c.set(200);
    s.c.changed();
    expect(s.sum()).toBe(3);
    expect(s.runs()).toBe(1);
  });

  test('early cutoff: a dependency recomputed to the same object does not recompute its reader', () => {
    // parity(a) is read by label; label reads parity's result object, not a
    const a = new Input(2);
    const parities = new Memo<string, { even: boolean }>();
    const EVEN = { even: true };
    const ODD = { even: false };
    const labels = new Memo<string, string>();
    let parityRuns = 0;
    let labelRuns = 0;
    const parity = () =>
      parities.get('p', [a.revision], () => {
        parityRuns++;
        return a.get() % 2 === 0 ? EVEN : ODD;
      });
    const label = () => {
      const p = parity();
      return labels.get('l', [p], () => {
        labelRuns++;
        return p.even ? 'even' : 'odd';
      });
    };
    expect(label()).toBe('even');
    a.set(4); // parity recomputed, same result object
    expect(label()).toBe('even');
    expect([parityRuns, labelRuns]).toEqual([2, 1]);
    a.set(5);
    expect(label()).toBe('odd');
    expect([parityRuns, labelRuns]).toEqual([3, 2]);
  });

  test('several versions per key live side by side; retain drops the rest', () => {
    const memo = new Memo<string, string>({ versions: 4 });
    let runs = 0;
    const get = (rev: number) => memo.get('k', [rev], () => `v${rev}#${++runs}`);
    expect(get(1)).toBe('v1#1');
    expect(get(2)).toBe('v2#2');
    expect(get(1)).toBe('v1#1');
    expect(memo.size).toBe(2);
    memo.retain((v) => v.startsWith('v2'));
    expect(memo.size).toBe(1);
    expect(get(1)).toBe('v1#3');
  });

  test('dropAllBut forgets results computed from other reads', () => {
    const memo = new Memo<string, number>();
    memo.get('a', [1], () => 1);
    memo.get('b', [1], () => 2);
    memo.get('a', [2], () => 3);
    memo.dropAllBut([2]);
    expect(memo.size).toBe(1);
    let runs = 0;
    memo.get('a', [2], () => ++runs);
    expect(runs).toBe(0);
  });

  test('one version per key by default; capacity drops the least recently used key', () => {
    const memo = new Memo<string, number>({ capacity: 2 });
    let runs = 0;
    const get = (k: string, rev: number) => memo.get(k, [rev], () => ++runs);
    get('a', 1);
    get('a', 2);
    expect(memo.size).toBe(1);
    get('b', 1);
    get('a', 2); // a used last
    get('c', 1); // drops b
    expect(memo.size).toBe(2);
    const before = runs;
    get('a', 2);
    expect(runs).toBe(before);
    get('b', 1);
    expect(runs).toBe(before + 1);
  });
});

test('cutoff: a recomputed result equal to the last is the same object, so its readers are reused', () => {
  const text = new Input('{"a":1}');
  const parsed = new Memo<'cfg', { a: number }>({ cutoff: sameData });
  const derived = new Memo<'d', number>();
  let derivedRuns = 0;
  const value = () => {
    const cfg = parsed.get('cfg', [text.revision], () => JSON.parse(text.get()));
    return derived.get('d', [cfg], () => (derivedRuns++, cfg.a * 2));
  };
  const first = parsed.get('cfg', [text.revision], () => JSON.parse(text.get()));
  expect(value()).toBe(2);
  text.set('{ "a": 1 }'); // new text, same content
  expect(value()).toBe(2);
  expect(parsed.get('cfg', [text.revision], () => ({ a: -1 }))).toBe(first);
  expect(derivedRuns).toBe(1);
  text.set('{"a":2}');
  expect(value()).toBe(4);
  expect(derivedRuns).toBe(2);
});

test('sameData compares plain data deeply, within a bound', () => {
  expect(sameData({ x: [1, { y: 'z' }] }, { x: [1, { y: 'z' }] })).toBe(true);
  expect(sameData({ x: [1, 2] }, { x: [1, 3] })).toBe(false);
  expect(sameData({ x: 1 }, { x: 1, y: undefined })).toBe(true); // as JSON sees them
  expect(sameData({ x: 1 }, { x: 1, y: null })).toBe(false);
  expect(sameData([1], { 0: 1 })).toBe(false);
  const deep = (n: number): unknown => (n === 0 ? 0 : [deep(n - 1)]);
  expect(sameData(deep(50), deep(50), { left: 10 })).toBe(false);
});

test('WeakMemo: per object, reused while its other reads are the same', () => {
  const memo = new WeakMemo<object, string>();
  const table = {};
  let runs = 0;
  const get = (text: string) => memo.get(table, [text], () => `${text}#${++runs}`);
  expect(get('a')).toBe('a#1');
  expect(get('a')).toBe('a#1');
  expect(get('b')).toBe('b#2');
  expect(memo.get({}, ['b'], () => 'other')).toBe('other');
  expect(memo.counts).toEqual({ computed: 3, reused: 1 });
});

describe('ReadLog', () => {
  test('replays the reads against the current state', () => {
    const state = new Map<string, object | undefined>([['x', {}], ['y', {}], ['z', {}]]);
    const log = new ReadLog<string>();
    log.record('x', state.get('x'));
    log.record('w', undefined); // a lookup that found nothing
    const now = (s: string) => state.get(s);
    expect(log.unchanged(now)).toBe(true);
    state.set('z', {}); // not read
    expect(log.unchanged(now)).toBe(true);
    state.set('w', {}); // appeared
    expect(log.unchanged(now)).toBe(false);
    state.delete('w');
    state.set('x', {}); // replaced
    expect(log.unchanged(now)).toBe(false);
    expect(log.unchanged(() => STALE)).toBe(false);
    expect([...log.entries()].map(([k]) => k)).toEqual(['x', 'w']);
  });
});

test('sameReads compares by identity, not by content', () => {
  expect(sameReads([1, 'a', undefined], [1, 'a', undefined])).toBe(true);
  expect(sameReads([{}], [{}])).toBe(false);
  expect(sameReads([1], [1, 2])).toBe(false);
  expect(sameReads([NaN], [NaN])).toBe(true);
});

test('Identities numbers each object once, per instance', () => {
  const ids = new Identities();
  const o = {};
  expect(ids.of(o)).toBe(1);
  expect(ids.of({})).toBe(2);
  expect(ids.of(o)).toBe(1);
  expect(new Identities().of(o)).toBe(1);
});
