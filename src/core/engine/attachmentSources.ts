/**
 * Uploads and web addresses of a reply's attachments. Before a request, images and PDFs that would
 * go as data are uploaded once (Files API), where the endpoint has it, and the upload's id is stored
 * with the attachment, so later requests refer to it and send a few bytes instead of megabytes. A
 * request refused for an upload the endpoint no longer has, or for an address it would not fetch,
 * is mended once: the files are uploaded again, or the images go as data.
 */
import * as l10n from '@vscode/l10n';
import type { ClassifiedError } from '../api/errors';
import type { CreateMessageRequest } from '../api/wire';
import type { FileAttachment } from '../context/attachments';
import { sourcedBlocks, uploadName, type SourcePolicy } from '../context/sources';
import type { Turn, UserTurn } from '../conversation/turns';
import { NoFilesApi, sourcePolicy, UploadRefused, type EndpointMemory } from './endpointFeatures';
import type { ChatBackend } from './replyStream';

export interface SourcesHost {
  readonly backend: ChatBackend;
  readonly memory?: EndpointMemory;
  /** `endpoint sha256` of the uploads an endpoint refused in this window: they go as data, without another try. */
  readonly refused: Set<string>;
  /** The stored turns now. */
  turns(): readonly Turn[];
  /** Stores a user turn changed here (same id). */
  replace(turn: UserTurn): void;
  status(text: string): void;
}

/** A refusal that is about an image's address (the endpoint would not, or could not, fetch it). */
const ABOUT_ADDRESSES = /\burls?\b|download/i;
/** …because it does not take addresses at all: remembered for the endpoint. */
const ADDRESSES_UNSUPPORTED = /not supported|unsupported|not allowed|not permitted/i;

export class AttachmentSources {
  private mended = false;
  /** Hashes whose upload failed in this reply (a fault, a dropped connection): they go as data this time. */
  private readonly failed = new Set<string>();
  /** Hashes being uploaded again after the endpoint lost them. */
  private readonly again = new Set<string>();
  /** What was mended, shown until the request's reply is in (an upload's own status gives way to it). */
  private note = '';

  constructor(private readonly host: SourcesHost) {}

  policy(): SourcePolicy | undefined {
    return sourcePolicy(this.host.backend, this.host.memory);
  }

  /** Uploads the attachments `request` would send as data; true when any got an upload (the request is then built again). */
  async upload(request: CreateMessageRequest, signal: AbortSignal): Promise<boolean> {
    const { backend, memory, refused } = this.host;
    const endpoint = backend.endpoint;
    if (!backend.files || !endpoint || memory?.lacks(endpoint, 'files')) return false;
    const waiting = this.asData(request).filter((a) => !this.failed.has(a.sha256) && !refused.has(`${endpoint} ${a.sha256}`));
    if (!waiting.length) return false;
    let uploaded = false;
    for (const a of waiting) {
      if (signal.aborted) break;
      // The same file attached again in this chat: its upload is used again, and the earlier turn keeps its bytes on the wire.
      const earlier = this.uploadOf(a.sha256, endpoint);
      if (earlier) {
        this.storeUpload(a.sha256, earlier);
        uploaded = true;
        continue;
      }
      this.host.status(this.again.has(a.sha256) ? l10n.t('Uploading {0} again: the endpoint no longer had it…', a.name) : l10n.t('Uploading {0}…', a.name));
      try {
        const fileId = await backend.files.upload({ name: uploadName(a.name, a.mediaType), mediaType: a.mediaType, data: a.data ?? '' }, signal);
        this.storeUpload(a.sha256, { fileId, endpoint });
        uploaded = true;
        if (this.again.delete(a.sha256)) this.note = l10n.t('{0} was uploaded again: the endpoint no longer had it.', a.name);
      } catch (err) {
        if (signal.aborted) break;
        if (err instanceof NoFilesApi) {
          memory?.remember(endpoint, 'files');
          break;
        }
        if (err instanceof UploadRefused) refused.add(`${endpoint} ${a.sha256}`);
        else this.failed.add(a.sha256); // sent as data this time; the next reply tries again
      }
    }
    this.host.status(this.note);
    return uploaded;
  }

  /** Mends the attachments of a refused request, once per reply; true when the request is worth sending again. */
  mend(error: ClassifiedError, request: CreateMessageRequest): boolean {
    if (this.mended) return false;
    const blocks = sourcedBlocks(request.messages);
    const fileIds = new Set(blocks.flatMap((b) => (b.source.type === 'file' ? [b.source.file_id] : [])));
    const detail = error.detail ?? error.message;
    if (fileIds.size && isMissingFile(error, detail, fileIds)) {
      // Every upload of the request goes again: when one is gone (another key, an expiry), the others may be too.
      this.mended = true;
      const lost = (a: FileAttachment) => a.upload !== undefined && fileIds.has(a.upload.fileId);
      for (const turn of this.host.turns()) for (const a of fileAttachments(turn)) if (lost(a)) this.again.add(a.sha256);
      this.storeWhere(lost, ({ upload: _lost, ...rest }) => rest);
      return true;
    }
    const urls = blocks.flatMap((b) => (b.source.type === 'url' ? [b.source.url] : []));
    if (urls.length && error.status === 400 && ABOUT_ADDRESSES.test(detail)) {
      this.mended = true;
      const endpoint = this.host.backend.endpoint;
      if (endpoint && ADDRESSES_UNSUPPORTED.test(detail)) this.host.memory?.remember(endpoint, 'urls');
      // The addresses the refusal names, or all of the request's when it names none.
      const named = urls.filter((url) => detail.includes(url));
      const refusedUrls = new Set(named.length ? named : urls);
      this.storeWhere((a) => a.kind === 'image' && a.url !== undefined && refusedUrls.has(a.url), (a) => ({ ...a, urlRefused: true }));
      this.note = l10n.t('The endpoint did not fetch the image from its web address: sent the image itself.');
      this.host.status(this.note);
      return true;
    }
    return false;
  }

  /** Attachments of the stored turns that `request` carries as data (compared by their base64 text). */
  private asData(request: CreateMessageRequest): FileAttachment[] {
    const sent = new Set(sourcedBlocks(request.messages).flatMap((b) => (b.source.type === 'base64' ? [b.source.data] : [])));
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

  /** An upload at `endpoint` of the file with this hash, already in the chat. */
  private uploadOf(sha256: string, endpoint: string): FileAttachment['upload'] {
    for (const turn of this.host.turns()) for (const a of fileAttachments(turn)) if (a.sha256 === sha256 && a.upload?.endpoint === endpoint) return a.upload;
    return undefined;
  }

  /** Gives the file's attachments that have no upload at this endpoint this one (an upload already there is never replaced). */
  private storeUpload(sha256: string, upload: NonNullable<FileAttachment['upload']>): void {
    this.storeWhere((a) => a.sha256 === sha256 && a.upload?.endpoint !== upload.endpoint, (a) => ({ ...a, upload }));
  }

  /** Applies `change` to every matching attachment of the stored turns. */
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
function isMissingFile(error: ClassifiedError, detail: string, fileIds: ReadonlySet<string>): boolean {
  if ([...fileIds].some((id) => detail.includes(id))) return error.status === 404 || error.status === 400;
  return error.status === 404 && /\bfile\b/i.test(detail);
}
