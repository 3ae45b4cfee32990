/**
 * Hostile input to the language server (issue 17): special and outside files in the workspace,
 * untrusted workspaces, huge documents, bursts of edits and protocol abuse. Each case runs a real
 * server process under a time and memory bound.
 */
import { describe } from 'vitest';
import { CASES } from './cases';
import { runCases } from './run-cases';

describe('the language server under hostile input', () => runCases(CASES.filter((c) => c.name.startsWith('lsp:'))));
