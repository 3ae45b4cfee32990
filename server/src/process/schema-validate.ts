/**
 * Validates a process file's value with ajv and turns every ajv error into a problem with a
 * stable code, a sentence a user understands, and the path of the value (or key) to blame.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Code } from '../base/codes';
import { pathToString, pointerToPath, type JsonPath } from './json-locate';
import type { Node } from 'jsonc-parser/lib/esm/main';
import { processModelSchema } from './schema';

export interface SchemaIssue {
  code: Code;
  path: JsonPath;
  message: string;
  atKey?: boolean;
}

let fileValidator: ValidateFunction | undefined;

function ajv(): Ajv {
  return new Ajv({ allErrors: true, verbose: true, strict: false });
}

export function validateFile(value: unknown, root: Node | undefined): SchemaIssue[] {
  fileValidator ??= ajv().compile(processModelSchema());
  return fileValidator(value) ? [] : toIssues(fileValidator.errors ?? [], root);
}

function toIssues(errors: ErrorObject[], root: Node | undefined): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // "must match then/else schema" repeats the errors inside; the branches of the
    // source-or-assumption anyOf are reported once, by the anyOf error itself.
    if (e.keyword === 'if' || e.schemaPath.includes('/anyOf/')) continue;
    const issue = toIssue(e, pointerToPath(e.instancePath, root));
    const key = `${issue.code}|${issue.path.join('/')}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

function describe(e: ErrorObject): string {
  const d = (e.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof d === 'string' ? ` (${d.replace(/\.$/, '')})` : '';
}

function toIssue(e: ErrorObject, path: JsonPath): SchemaIssue {
  const where = pathToString(path);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = closest(name, known);
      const hint = near ? `; did you mean "${near}"?` : known.length ? `; known fields: ${known.join(', ')}` : '';
      return {
        code: 'process-unknown-field',
        path: [...path, name],
        atKey: true,
        message: `unknown field "${name}" in ${where}${hint}`,
      };
    }
    case 'required': {
      const name = String(p.missingProperty);
      return {
        code: 'process-missing-field',
        path,
        atKey: true,
        message: `${where} is missing the required field "${name}"`,
      };
    }
    case 'anyOf':
      return {
        code: 'process-missing-field',
        path,
        atKey: true,
        message: `${where} needs a "source" (README source keys such as "C1") or an "assumption" note`,
      };
    case 'const':
      if (path.length === 1 && path[0] === 'schema') {
        return {
          code: 'process-schema-version',
          path,
          message: `"schema" must be "${String(p.allowedValue)}" (got ${JSON.stringify(e.data)})`,
        };
      }
      return { code: 'process-wrong-type', path, message: `${where} must be ${JSON.stringify(p.allowedValue)}` };
    case 'enum':
      return {
        code: 'process-wrong-type',
        path,
        message: `${where} must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(e.data)})`,
      };
    case 'type':
      return {
        code: 'process-wrong-type',
        path,
        message: `${where} must be ${article(String(p.type))} (got ${JSON.stringify(e.data)})${describe(e)}`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        code: 'process-out-of-range',
        path,
        message: `${where} = ${JSON.stringify(e.data)} must be ${String(p.comparison)} ${String(p.limit)}${describe(e)}`,
      };
    case 'minItems':
    case 'minLength':
      return { code: 'process-out-of-range', path, message: `${where} must not be empty` };
    default:
      return { code: 'process-wrong-type', path, message: `${where} ${e.message ?? 'is invalid'}` };
  }
}

function article(t: string): string {
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

/** The known name within edit distance 2 of `name`, for "did you mean". */
function closest(name: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}
