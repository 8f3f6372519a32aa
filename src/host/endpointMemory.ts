/**
 * What endpoints were found to lack (a Files API, fetching image addresses), kept in the
 * extension's global state for a week: a gateway is asked once a week, not in every chat of every
 * window, and an endpoint that gains the feature gets it used again. Endpoints are keyed without
 * credentials (see endpointKey).
 */
import type * as vscode from 'vscode';
import type { EndpointFeature, EndpointMemory } from '../core/engine/endpointFeatures';

const KEY = 'claudeChat.endpointLacks';
const LIFETIME_MS = 7 * 24 * 3600 * 1000;

/** By endpoint, when each feature was found missing (ms since the epoch). */
type Lacks = Record<string, Partial<Record<EndpointFeature, number>>>;

export class GlobalEndpointMemory implements EndpointMemory {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number = Date.now,
  ) {}

  private read(): Lacks {
    const value = this.state.get<unknown>(KEY);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Lacks) : {};
  }

  lacks(endpoint: string, feature: EndpointFeature): boolean {
    const since = this.read()[endpoint]?.[feature];
    return typeof since === 'number' && this.now() - since < LIFETIME_MS;
  }

  remember(endpoint: string, feature: EndpointFeature): void {
    if (this.lacks(endpoint, feature)) return;
    const now = this.now();
    // Entries past their week go as the next one is written.
    const kept = Object.entries(this.read()).flatMap(([key, features]): [string, Lacks[string]][] => {
      const fresh = Object.fromEntries(Object.entries(features ?? {}).filter(([, at]) => typeof at === 'number' && now - at < LIFETIME_MS));
      return Object.keys(fresh).length ? [[key, fresh]] : [];
    });
    const all: Lacks = Object.fromEntries(kept);
    void this.state.update(KEY, { ...all, [endpoint]: { ...all[endpoint], [feature]: now } });
  }
}
