/**
 * Hostile input to the `ppa-lens` command (issue 17): special files, outside paths, garbage, huge and
 * deep designs, non-finite numbers. Each case runs in a child process under a time and memory bound.
 */
import { describe } from 'vitest';
import { CASES } from './cases';
import { runCases } from './run-cases';

describe('the CLI under hostile input', () => runCases(CASES.filter((c) => !c.name.startsWith('lsp:'))));
