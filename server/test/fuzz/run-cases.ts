/** Runs a list of hostile cases as vitest tests, each in its own temporary folder; optionally records a table. */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import type { Case } from './cases';

/** FUZZ_TABLE=file appends one JSON line per case (name, exit, ms, peak MB, problem) for the before/after table. */
export function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, { timeout: c.bounds.timeoutMs + 60_000 }, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'ppa-fuzz-'));
      try {
        const o = await c.run(dir);
        if (process.env.FUZZ_TABLE) appendFileSync(process.env.FUZZ_TABLE, `${JSON.stringify({ name: c.name, fromIssue: c.fromIssue, ...o })}\n`);
        expect(o.problem, `${c.name}: exit ${o.code}, ${o.ms} ms, ${o.peakMb} MB`).toBeUndefined();
        // a hang guard, not a speed target: the case's process is stopped at this bound (20-90 s for
        // hostile inputs that finish in a fraction of it); speed is measured by `npm run bench`
        expect(o.ms).toBeLessThan(c.bounds.timeoutMs);
        expect(o.peakMb).toBeLessThan(c.bounds.memMb);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
}
