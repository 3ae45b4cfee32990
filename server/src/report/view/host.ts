/**
 * Where the view runs: in a VS Code webview (acquireVsCodeApi exists: state is kept by VS Code,
 * source links post to the extension) or in the standalone HTML file (the model is inlined, state
 * lives as long as the page).
 */
import type { HostToView, ReportModel, ViewToHost } from '../types';
import { REPORT_DATA_ID } from '../types';

export interface ViewState {
  scrollY: number;
  areaView: 'module' | 'instance';
  sortKey: string;
  sortDesc: boolean;
  /** Selected row: module name or instance path. */
  selected?: string;
  model?: ReportModel;
}

export interface ViewHost {
  readonly inWebview: boolean;
  getState(): Partial<ViewState> | undefined;
  setState(s: ViewState): void;
  post(msg: ViewToHost): void;
  /** The inlined model of the standalone file. */
  inlineModel(): ReportModel | undefined;
  onMessage(f: (msg: HostToView) => void): void;
}

interface VsCodeApi {
  getState(): unknown;
  setState(s: unknown): void;
  postMessage(m: unknown): void;
}
declare const acquireVsCodeApi: undefined | (() => VsCodeApi);

export function detectHost(): ViewHost {
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  let memory: ViewState | undefined;
  return {
    inWebview: !!api,
    getState: () => (api ? ((api.getState() as Partial<ViewState> | undefined) ?? undefined) : memory),
    setState: (s) => (api ? api.setState(s) : (memory = s)),
    post: (m) => api?.postMessage(m),
    inlineModel: () => {
      const el = document.getElementById(REPORT_DATA_ID);
      if (!el?.textContent) return undefined;
      try {
        return JSON.parse(el.textContent) as ReportModel;
      } catch {
        return undefined;
      }
    },
    onMessage: (f) => window.addEventListener('message', (e: MessageEvent) => {
      const d = e.data as HostToView | undefined;
      if (d && typeof d === 'object' && (d.type === 'model' || d.type === 'error')) f(d);
    }),
  };
}
