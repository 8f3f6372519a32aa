/**
 * What an endpoint takes of the attachment sources (a Files API, image addresses), what it was
 * found to lack, and the errors an upload ends with.
 */
import type { SourcePolicy } from '../context/sources';
import type { ChatBackend } from './replyStream';

/** Request features an endpoint may refuse for a model (see refusedFeatures.ts). */
export type DroppableFeature = 'effort' | 'thinking' | 'caching';

/** What an endpoint was found to lack, remembered across chats and windows (the droppable ones per model, see modelAtEndpoint). */
export type EndpointFeature = 'files' | 'urls' | DroppableFeature;

export interface EndpointMemory {
  lacks(endpoint: string, feature: EndpointFeature): boolean;
  remember(endpoint: string, feature: EndpointFeature): void;
}

/** Memory for one window's life (the host keeps a lasting one). */
export class SessionEndpointMemory implements EndpointMemory {
  private readonly lacking = new Set<string>();

  lacks(endpoint: string, feature: EndpointFeature): boolean {
    return this.lacking.has(`${feature} ${endpoint}`);
  }

  remember(endpoint: string, feature: EndpointFeature): void {
    this.lacking.add(`${feature} ${endpoint}`);
  }
}

/** Thrown by an upload when the endpoint has no Files API (most gateways): its attachments go as data. */
export class NoFilesApi extends Error {}

/** Thrown by an upload the endpoint refused for the file itself (a 4xx: its name, size or type, the key's rights): not tried again in this window. */
export class UploadRefused extends Error {}

/** The source policy for requests to `backend` now; undefined for a backend that names no endpoint (every attachment goes as data). */
export function sourcePolicy(backend: ChatBackend, memory: EndpointMemory | undefined): SourcePolicy | undefined {
  const endpoint = backend.endpoint;
  return endpoint ? { endpoint, urls: backend.urlSources !== false && !memory?.lacks(endpoint, 'urls') } : undefined;
}
