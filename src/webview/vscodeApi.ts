import type { WebviewToHost } from '../core/protocol/protocol';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function postToHost(message: WebviewToHost): void {
  api.postMessage(message);
}

export function saveDraft(text: string): void {
  api.setState({ draft: text });
}

export function loadDraft(): string {
  const state = api.getState() as { draft?: unknown } | undefined;
  return typeof state?.draft === 'string' ? state.draft : '';
}
