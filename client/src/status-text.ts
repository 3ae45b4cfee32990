/**
 * What the status bar item says. Pure: the server's last `ppaLens/status` wins; before it arrives
 * (or after the process model changed and the server has not answered yet) the item names the model
 * so the user always sees what the estimates are for.
 */
import type { StatusParams } from './protocol';
import { processModelShortName } from './process-models';

export interface StatusView {
  text: string;
  tooltip: string;
}

const CLICK_HINT = 'Click to select the process model.';

export function statusView(server: StatusParams | undefined, processModel: string): StatusView {
  if (server) {
    return { text: server.text, tooltip: server.tooltip ? `${server.tooltip}\n\n${CLICK_HINT}` : CLICK_HINT };
  }
  const model = processModelShortName(processModel);
  return { text: `$(chip) ${model}`, tooltip: `PPA Lens: process model ${model}. ${CLICK_HINT}` };
}

/** Accepts a notification payload only if it has the documented shape (the server is another process). */
export function parseStatusParams(raw: unknown): StatusParams | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { text, tooltip } = raw as Record<string, unknown>;
  if (typeof text !== 'string') return undefined;
  return typeof tooltip === 'string' ? { text, tooltip } : { text };
}
