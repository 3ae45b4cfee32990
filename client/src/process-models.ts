/**
 * The process models a user can pick: the built-in ones the server ships, and `*.ppa-process.json`
 * files in the workspace. Pure, so the choice list (order, the current marker, how a file is stored
 * in the setting) is tested without VS Code.
 */

export interface BuiltinProcessModel {
  id: string;
  label: string;
  detail: string;
}

/** Must match the ids of the server's built-in models (server/src/process/builtin). */
export const BUILTIN_PROCESS_MODELS: readonly BuiltinProcessModel[] = [
  {
    id: 'duv-7nm-mp',
    label: 'DUV 7nm, multi-patterned',
    detail: '193i immersion with SAQP/LELE on the tight metal layers: more masks, longer cycle time',
  },
  {
    id: 'euv-7nm',
    label: 'EUV 7nm',
    detail: 'single-exposure EUV on the critical layers: fewer masks, costlier scanner time',
  },
  {
    id: 'asap7-reference',
    label: 'ASAP7 reference',
    detail: 'the ASAP7 predictive PDK the estimator is calibrated against (area and timing only)',
  },
];

export interface ProcessModelChoice {
  /** What the setting `ppaLens.processModel` is set to when this is picked. */
  value: string;
  label: string;
  description?: string;
  detail?: string;
  /** True for the model now in use. */
  current: boolean;
  kind: 'builtin' | 'file';
}

/**
 * Built-ins first, then workspace files sorted by path. A file is stored in the setting as its
 * workspace-relative path (portable across machines, so the setting can be committed).
 *
 * @param current the setting's value now.
 * @param workspaceFiles workspace-relative paths with `/` separators.
 */
export function processModelChoices(current: string, workspaceFiles: readonly string[]): ProcessModelChoice[] {
  const normalizedCurrent = normalizePath(current);
  const builtins: ProcessModelChoice[] = BUILTIN_PROCESS_MODELS.map((m) => ({
    value: m.id,
    label: m.label,
    description: m.id,
    detail: m.detail,
    current: m.id === current,
    kind: 'builtin',
  }));
  const files: ProcessModelChoice[] = [...new Set(workspaceFiles.map(normalizePath))]
    .sort((a, b) => a.localeCompare(b))
    .map((file) => ({
      value: file,
      label: baseName(file).replace(/\.ppa-process\.json$/, ''),
      description: file,
      current: file === normalizedCurrent,
      kind: 'file',
    }));
  return [...builtins, ...files];
}

/** The label for the status bar and messages: a built-in's id, or a file's base name. */
export function processModelShortName(value: string): string {
  if (BUILTIN_PROCESS_MODELS.some((m) => m.id === value)) return value;
  return baseName(normalizePath(value)).replace(/\.ppa-process\.json$/, '');
}

function normalizePath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
