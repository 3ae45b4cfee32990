/**
 * The commands' side of the design session (analysis/session): a session over the files a command
 * names, read through the command's reader, with its errors as usage errors (exit 2). `estimate`,
 * `report` and the budgets of `check` start here, so `-P`, `--process` and the sources mean the
 * same in each.
 */
import { DesignSession, openSources, parseParamOverrides, type OpenedSources, type SourceInputs } from '../analysis/session/index';
import type { ProcessModel } from '../process/index';
import type { SemanticModel, Value } from '../semantic/index';
import type { ParserBackend } from '../syntax/backend';
import { diagnosticToText } from './format-diagnostics';
import { readInput } from './inputs';
import { includeReader, UsageError, type CliIO } from './io';

/** A command's session: the sources are opened later (`open`), after the options were checked. */
export class CliSession {
  readonly session: DesignSession;
  private sources: OpenedSources | undefined;

  constructor(private readonly io: CliIO, semantic?: SemanticModel) {
    this.session = new DesignSession({ semantic: semantic ?? (() => this.sources?.semantic), readFile: io.readFile, cwd: io.cwd, refusal: io.refusal });
  }

  /** Opens the inputs (an unreadable or refused one is a usage error saying why). */
  open(lang: ParserBackend, inputs: SourceInputs): OpenedSources {
    this.sources?.dispose();
    this.sources = openSources(lang, inputs, { readSource: (f) => readInput(f, this.io.readFile, this.io.refusal), readInclude: includeReader(this.io), cwd: this.io.cwd });
    return this.sources;
  }

  /** The process model `ref` names; one that does not load is a usage error (file:line:col). */
  processModel(ref: string | undefined): ProcessModel {
    const c = this.session.processModel(ref);
    if (!c.model) throw new UsageError(c.error ? diagnosticToText(c.error, this.io.cwd) : `cannot load process model '${ref}'`);
    return c.model;
  }

  dispose(): void {
    this.sources?.dispose();
    this.sources = undefined;
  }
}

/** `-P NAME=VALUE` items; a bad one is a usage error. */
export function paramOverrides(items: readonly string[] | undefined): Map<string, Value> {
  const { params, error } = parseParamOverrides(items ?? []);
  if (error) throw new UsageError(`--param ${error}`);
  return params;
}
