/**
 * What the status bar item says. Pure: the server's last `ppaLens/status` wins; before it arrives
 * (or after the process model changed and the server has not answered yet) the item names the model
 * so the user always sees what the estimates are for.
 */
import type { StatusParams } from './protocol';
import { processModelShortName } from './process-models';

export interface StatusView {
  text: string;
  /** Markdown (the item renders it as a trusted MarkdownString: its command links work). */
  tooltip: string;
}

const CLICK_HINT = 'Click to select the process model.';

/**
 * @param waiting true until the server's first estimate arrives: the item says it is estimating (a
 * cold start takes seconds) instead of looking idle.
 */
export function statusView(server: StatusParams | undefined, processModel: string, waiting = false): StatusView {
  if (server) {
    return { text: server.text, tooltip: server.tooltip ? `${server.tooltip}\n\n${CLICK_HINT}` : CLICK_HINT };
  }
  const model = processModelShortName(processModel);
  if (waiting) return { text: `$(sync~spin) estimating… · ${model}`, tooltip: `PPA Lens is parsing and estimating the design for process model **${model}**; the figures follow.` };
  return { text: `$(chip) ${model}`, tooltip: `PPA Lens: process model **${model}**. ${CLICK_HINT}` };
}

/** Accepts a notification payload only if it has the documented shape (the server is another process). */
export function parseStatusParams(raw: unknown): StatusParams | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { text, tooltip, top, processModel, stale, notice, partial } = raw as Record<string, unknown>;
  if (typeof text !== 'string') return undefined;
  const out: StatusParams = { text };
  if (typeof tooltip === 'string') out.tooltip = tooltip;
  if (typeof top === 'string') out.top = top;
  if (typeof processModel === 'string') out.processModel = processModel;
  if (stale === true) out.stale = true;
  if (partial === true) out.partial = true;
  if (typeof notice === 'string') out.notice = notice;
  return out;
}
