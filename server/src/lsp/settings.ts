/** The `ppaLens.*` settings the server reads (pulled with workspace/configuration). */
import * as path from '../base/paths';
import type { HostConfig } from '../analysis/host';

export interface PpaLensSettings {
  includeDirs?: string[];
  defines?: Record<string, string | number>;
  filelists?: string[];
  top?: string;
  processModel?: string;
  /** Clock port -> target frequency ("1.25GHz"): budgets judged while typing. */
  clocks?: Record<string, string>;
  inlayHints?: { enabled?: boolean };
  codeLens?: { enabled?: boolean };
  /** The synthesis tier: its lens beside each module's estimate (off unless the client turns it on). */
  synthesis?: { codeLens?: boolean };
}

export function hostConfigFrom(settings: PpaLensSettings | undefined, root: string | undefined): HostConfig {
  const s = settings ?? {};
  const abs = (d: string) => (path.isAbsolute(d) || !root ? d : path.join(root, d));
  return {
    includeDirs: (s.includeDirs ?? []).map(abs),
    defines: Object.fromEntries(Object.entries(s.defines ?? {}).map(([k, v]) => [k, String(v)])),
    ...(s.top ? { top: s.top } : {}),
  };
}
