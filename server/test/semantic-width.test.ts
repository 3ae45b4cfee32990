/** The width check warns on real truncations, not on unsized literals in arithmetic (`c <= c - 1`). */
import * as path from 'node:path';
import { expect, test } from 'vitest';
import { SemanticModel } from '../src/semantic';
import { FIXTURES, openFile } from './semantic-helpers';

test('decrement idiom is quiet, a 32-to-4-bit truncation warns', async () => {
  const doc = await openFile(path.join(FIXTURES, 'width-unsized-literal.v'));
  const model = new SemanticModel();
  model.updateFile(doc);
  const widths = model.elaborate('t').diagnostics.filter((d) => d.code === 'sem-width-mismatch');
  doc.dispose();
  expect(widths.map((d) => d.range.start.line + 1)).toEqual([5]);
  expect(widths[0].message).toContain('4-bit target assigned a 32-bit expression');
});
