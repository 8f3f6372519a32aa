/**
 * What endpoints were found to lack (a Files API, fetching image addresses), kept in the
 * extension's global state: a gateway is asked once, not in every chat of every window.
 */
import type * as vscode from 'vscode';
import type { EndpointFeature, EndpointMemory } from '../core/engine/attachmentSources';

const KEY = 'claudeChat.endpointLacks';

type Lacks = Record<string, readonly EndpointFeature[]>;

export class GlobalEndpointMemory implements EndpointMemory {
  constructor(private readonly state: vscode.Memento) {}

  private read(): Lacks {
    const value = this.state.get<unknown>(KEY);
    return typeof value === 'object' && value !== null ? (value as Lacks) : {};
  }

  lacks(endpoint: string, feature: EndpointFeature): boolean {
    const features = this.read()[endpoint];
    return Array.isArray(features) && features.includes(feature);
  }

  remember(endpoint: string, feature: EndpointFeature): void {
    if (this.lacks(endpoint, feature)) return;
    const all = this.read();
    void this.state.update(KEY, { ...all, [endpoint]: [...(all[endpoint] ?? []), feature] });
  }
}
