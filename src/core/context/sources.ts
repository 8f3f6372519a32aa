/**
 * Where an attached image or PDF is sent from: an upload (Files API) when there is one for the
 * endpoint, else its web address when it came from one and the endpoint fetches addresses, else
 * its bytes. The choice is made once per attachment and stays, so every request of a conversation
 * carries the same bytes and its prompt cache holds.
 */
import type { DocumentBlock, ImageBlock, RequestBlock } from '../api/wire';
import type { Turn } from '../conversation/turns';
import type { DocumentAttachment, FileAttachment, ImageAttachment } from './attachments';

/** The Files API beta: requests that refer to an upload carry it. */
export const FILES_BETA = 'files-api-2025-04-14';

/** What the endpoint requests go to takes. */
export interface SourcePolicy {
  /** Its base URL: an upload is valid there only. */
  readonly endpoint: string;
  /** False when it is known not to fetch image addresses: images from the web go as data. */
  readonly urls: boolean;
}

const pageCounts = new WeakMap<object, number>();

/** Pages of the document whose source this is (for token estimates: the block itself only has bytes or an id). */
export function pagesOfSource(source: object): number | undefined {
  return pageCounts.get(source);
}

export function imageBlock(a: ImageAttachment): ImageBlock | undefined {
  if (a.upload) return { type: 'image', source: { type: 'file', file_id: a.upload.fileId } };
  if (a.url && !a.urlRefused) return { type: 'image', source: { type: 'url', url: a.url } };
  return a.data ? { type: 'image', source: { type: 'base64', media_type: a.mediaType, data: a.data } } : undefined;
}

export function documentBlock(a: DocumentAttachment): DocumentBlock | undefined {
  const source = a.upload ? { type: 'file' as const, file_id: a.upload.fileId } : a.data ? { type: 'base64' as const, media_type: a.mediaType, data: a.data } : undefined;
  if (!source) return undefined;
  pageCounts.set(source, a.pages);
  return { type: 'document', source, title: a.name };
}

/** The attachment as `policy`'s endpoint is sent it: an upload made elsewhere is left out, and an address it does not fetch. */
function forPolicy(a: FileAttachment, policy: SourcePolicy): FileAttachment {
  let out = a;
  if (out.upload && out.upload.endpoint !== policy.endpoint) {
    const { upload: _elsewhere, ...rest } = out;
    out = rest;
  }
  if (out.kind === 'image' && out.url && !out.urlRefused && !policy.urls) out = { ...out, urlRefused: true };
  return out;
}

/** The turns with each attachment's source settled for the endpoint (the stored turns are left as they are). */
export function turnsForEndpoint(turns: readonly Turn[], policy: SourcePolicy | undefined): readonly Turn[] {
  if (!policy) return turns;
  return turns.map((turn) => {
    if (turn.role !== 'user' || !turn.attachments?.some((a) => a.kind !== 'selection')) return turn;
    return { ...turn, attachments: turn.attachments.map((a) => (a.kind === 'selection' ? a : forPolicy(a, policy))) };
  });
}

type Sourced = ImageBlock | DocumentBlock;
const isSourced = (b: RequestBlock): b is Sourced => b.type === 'image' || b.type === 'document';

/** The image and document blocks of a request's messages. */
export function sourcedBlocks(messages: readonly { readonly content: string | readonly RequestBlock[] }[]): Sourced[] {
  return messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter(isSourced)));
}

/** True when a request refers to an upload (it then needs FILES_BETA). */
export function usesFiles(messages: readonly { readonly content: string | readonly RequestBlock[] }[]): boolean {
  return sourcedBlocks(messages).some((b) => b.source.type === 'file');
}

/** Every upload a conversation's attachments refer to (each once). */
export function uploadsOf(turns: readonly Turn[]): { readonly fileId: string; readonly endpoint: string }[] {
  const seen = new Map<string, { fileId: string; endpoint: string }>();
  for (const turn of turns) {
    if (turn.role !== 'user') continue;
    for (const a of turn.attachments ?? []) if (a.kind !== 'selection' && a.upload) seen.set(`${a.upload.endpoint} ${a.upload.fileId}`, a.upload);
  }
  return [...seen.values()];
}

/**
 * An endpoint as stored with uploads and remembered: its origin and path, without a user name,
 * password, query or fragment (a base URL may carry a key in any of them).
 */
export function endpointKey(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    return `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '');
  } catch {
    return baseURL.replace(/[?#].*$/, '').replace(/\/\/[^/@]*@/, '//').replace(/\/+$/, '');
  }
}

/** A file name the Files API takes (no path, none of `<>:"|?*`, no control characters, at most 200 characters), keeping the extension. */
export function uploadName(name: string, mediaType: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = (name.split(/[\\/]/).pop() ?? '').replace(/[<>:"|?*\u0000-\u001f\u007f]+/g, '_').trim();
  const extension = /\.[a-z0-9]{2,5}$/i.exec(clean)?.[0] ?? `.${mediaType.split('/')[1] ?? 'bin'}`;
  const stem = clean.endsWith(extension) ? clean.slice(0, -extension.length) : clean;
  return `${(stem || 'attachment').slice(0, 200 - extension.length)}${extension}`; // not localized: a file name for the API
}
