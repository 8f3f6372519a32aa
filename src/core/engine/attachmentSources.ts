/**
 * Uploads and web addresses of a reply's attachments. Before a request, images and PDFs that would
 * go as data are uploaded once (Files API), where the endpoint has it, and the upload's id is stored
 * with the attachment, so later requests refer to it and send a few bytes instead of megabytes. A
 * request refused for an upload the endpoint no longer has, or for an address it would not fetch,
 * is mended once: the file is uploaded again, or the image goes as data.
 */
import * as l10n from '@vscode/l10n';
import type { ClassifiedError } from '../api/errors';
import type { Base64Source, CreateMessageRequest } from '../api/wire';
import type { FileAttachment } from '../context/attachments';
import { sourcedBlocks, type SourcePolicy } from '../context/sources';
import type { Turn, UserTurn } from '../conversation/turns';
import type { ChatBackend } from './replyStream';

/** What an endpoint was found to lack, remembered across chats and windows. */
export type EndpointFeature = 'files' | 'urls';

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

export interface SourcesHost {
  readonly backend: ChatBackend;
  readonly memory?: EndpointMemory;
  /** The stored turns now. */
  turns(): readonly Turn[];
  /** Stores a user turn changed here (same id). */
  replace(turn: UserTurn): void;
  status(text: string): void;
}

/** A download the endpoint could not make (the address is fine, the site was not): not the endpoint refusing addresses. */
const DOWNLOAD_FAILED = /download|fetch|retriev|reach|timed? ?out|robots/i;

export class AttachmentSources {
  private mended = false;
  /** Hashes whose upload failed in this reply: they go as data, without another try. */
  private readonly failed = new Set<string>();
  /** Hashes being uploaded again after the endpoint lost them. */
  private readonly again = new Set<string>();
  /** What was mended, shown until the request's reply is in (an upload's own status gives way to it). */
  private note = '';

  constructor(private readonly host: SourcesHost) {}

  /** The policy for requests now; undefined for a backend that names no endpoint (every attachment goes as data). */
  policy(): SourcePolicy | undefined {
    const endpoint = this.host.backend.endpoint;
    return endpoint ? { endpoint, urls: !this.host.memory?.lacks(endpoint, 'urls') } : undefined;
  }

  /** Uploads the attachments `request` would send as data; true when any was uploaded (the request is then built again). */
  async upload(request: CreateMessageRequest, signal: AbortSignal): Promise<boolean> {
    const { backend, memory } = this.host;
    const endpoint = backend.endpoint;
    if (!backend.files || !endpoint || memory?.lacks(endpoint, 'files')) return false;
    const waiting = this.asData(request).filter((a) => !this.failed.has(a.sha256));
    if (!waiting.length) return false;
    let uploaded = false;
    for (const a of waiting) {
      if (signal.aborted) break;
      this.host.status(this.again.has(a.sha256) ? l10n.t('Uploading {0} again: the endpoint no longer had it…', a.name) : l10n.t('Uploading {0}…', a.name));
      try {
        const fileId = await backend.files.upload({ name: a.name, mediaType: a.mediaType, data: a.data ?? '' }, signal);
        this.store(a.sha256, (x) => ({ ...x, upload: { fileId, endpoint } }));
        uploaded = true;
        if (this.again.delete(a.sha256)) this.note = l10n.t('{0} was uploaded again: the endpoint no longer had it.', a.name);
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof NoFilesApi) {
          memory?.remember(endpoint, 'files');
          break;
        }
        this.failed.add(a.sha256); // sent as data this time
      }
    }
    this.host.status(this.note);
    return uploaded;
  }

  /** Mends the attachments of a refused request, once per reply; true when the request is worth sending again. */
  mend(error: ClassifiedError, request: CreateMessageRequest): boolean {
    if (this.mended) return false;
    const blocks = sourcedBlocks(request.messages);
    const fileIds = blocks.flatMap((b) => (b.source.type === 'file' ? [b.source.file_id] : []));
    const detail = error.detail ?? error.message;
    if (fileIds.length && isMissingFile(error, detail, fileIds)) {
      const named = fileIds.filter((id) => detail.includes(id));
      const lost = new Set(named.length ? named : fileIds);
      this.mended = true;
      for (const turn of this.host.turns()) {
        for (const a of fileAttachments(turn)) if (a.upload && lost.has(a.upload.fileId)) this.again.add(a.sha256);
      }
      this.storeWhere((a) => a.upload !== undefined && lost.has(a.upload.fileId), ({ upload: _lost, ...rest }) => rest);
      return true;
    }
    const urls = new Set(blocks.flatMap((b) => (b.source.type === 'url' ? [b.source.url] : [])));
    if (urls.size && error.status === 400 && /url|source/i.test(detail)) {
      this.mended = true;
      const endpoint = this.host.backend.endpoint;
      if (endpoint && !DOWNLOAD_FAILED.test(detail)) this.host.memory?.remember(endpoint, 'urls');
      this.storeWhere((a) => a.kind === 'image' && a.url !== undefined && urls.has(a.url), (a) => ({ ...a, urlRefused: true }));
      this.note = l10n.t('The endpoint did not fetch the image from its web address: sent the image itself.');
      this.host.status(this.note);
      return true;
    }
    return false;
  }

  /** Attachments of the stored turns that `request` carries as data (the same string, so no copy is compared). */
  private asData(request: CreateMessageRequest): FileAttachment[] {
    const sent = new Set(sourcedBlocks(request.messages).flatMap((b) => (b.source.type === 'base64' ? [(b.source as Base64Source).data] : [])));
    const seen = new Set<string>();
    const out: FileAttachment[] = [];
    for (const turn of this.host.turns()) {
      for (const a of fileAttachments(turn)) {
        if (a.data && sent.has(a.data) && !seen.has(a.sha256)) {
          seen.add(a.sha256);
          out.push(a);
        }
      }
    }
    return out;
  }

  private store(sha256: string, change: (a: FileAttachment) => FileAttachment): void {
    this.storeWhere((a) => a.sha256 === sha256, change);
  }

  /** Applies `change` to every matching attachment of the stored turns (an image sent twice is uploaded once). */
  private storeWhere(match: (a: FileAttachment) => boolean, change: (a: FileAttachment) => FileAttachment): void {
    for (const turn of this.host.turns()) {
      if (turn.role !== 'user' || !fileAttachments(turn).some(match)) continue;
      this.host.replace({ ...turn, attachments: turn.attachments?.map((a) => (a.kind !== 'selection' && match(a) ? change(a) : a)) });
    }
  }
}

function fileAttachments(turn: Turn): FileAttachment[] {
  return turn.role === 'user' ? (turn.attachments ?? []).filter((a): a is FileAttachment => a.kind !== 'selection') : [];
}

/** A refusal for an upload the endpoint does not have (expired, deleted, another account's). */
function isMissingFile(error: ClassifiedError, detail: string, fileIds: readonly string[]): boolean {
  if (fileIds.some((id) => detail.includes(id))) return error.status === 404 || error.status === 400;
  return error.status === 404 && /\bfile\b/i.test(detail);
}
