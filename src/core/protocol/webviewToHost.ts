/**
 * Messages the webview sends to the host, one schema each. `onDidReceiveMessage` delivers `any`:
 * nothing acts on a message before it has passed `parseWebviewMessage`, and a message that does
 * not (an unknown type, a field too long) is refused as a whole.
 */
import * as v from 'valibot';
import { text } from './fields';

const id = () => text(200);
const httpsUrl = () => v.pipe(text(4000), v.regex(/^https:\/\/\S+$/));
/** A PDF's base64 within the API's 32 MB per request. */
const PDF_BASE64_CHARACTERS = Math.ceil((32 * 1024 * 1024) / 3) * 4;
const bare = <T extends string>(type: T) => v.object({ type: v.literal(type) });
const message = <T extends string, E extends v.ObjectEntries>(type: T, entries: E) => v.object({ type: v.literal(type), ...entries });

/** A pasted, dropped or picked image, already sized and encoded by the webview. */
export const ImagePayloadSchema = v.object({
  name: text(500),
  mediaType: text(50),
  /** Base64, no data: prefix. */
  data: text(8 * 1024 * 1024),
  width: v.pipe(v.number(), v.integer()),
  height: v.pipe(v.number(), v.integer()),
  thumbnail: v.pipe(v.string(), v.startsWith('data:image/'), v.maxLength(200_000)),
  /** The https address it was fetched from (dragged from a web page, pasted), when the image is sent as it was there. */
  url: v.optional(httpsUrl()),
});
export type ImagePayload = v.InferOutput<typeof ImagePayloadSchema>;

export const WebviewToHostSchema = v.variant('type', [
  bare('ready'),
  message('send', { text: text(), prefill: v.optional(text(10_000)) }),
  bare('stop'),
  bare('retry'),
  bare('newChat'),
  bare('setApiKey'),
  bare('pickModel'),
  message('selectModel', { model: v.pipe(text(200), v.regex(/^[\w.:@/-]+$/)) }),
  message('removeAttachment', { id: id() }),
  message('addImage', { image: ImagePayloadSchema }),
  /** A PDF pasted or dropped on the view: the host checks it and counts its pages. */
  message('addDocument', { name: text(500), data: text(PDF_BASE64_CHARACTERS) }),
  /** An image's web address (dragged from a page, pasted alone): the host fetches it. */
  message('addImageUrl', { url: text(4000) }),
  /** The "Attach image" button: the host shows a file picker. */
  bare('attachImage'),
  /** Files dropped from the Explorer arrive as URIs: the host reads them. */
  message('attachUris', { uris: v.pipe(v.array(text(4000)), v.maxLength(50)) }),
  /** Accept or Reject on a review card. */
  message('editDecision', { cardId: id(), accept: v.boolean() }),
  message('showDiff', { cardId: id() }),
  /** Run or Skip on a command card; `allowPrefix`: also run commands starting with it from now on (the person's user setting). */
  message('commandDecision', { cardId: id(), run: v.boolean(), allowPrefix: v.optional(text(500)) }),
  /** Compact now: summarize the earlier conversation to free the context window. */
  bare('compact'),
  /** Continue a reply cut off at the token limit. */
  bare('continue'),
  /** Revert changes: restore the files a reply changed. */
  message('revert', { id: id() }),
  /** Try again on a quick fix whose problem is still reported. */
  message('tryAgain', { id: id() }),
  /** Edit and resend: the last user message again with new text, replacing it and its reply. */
  message('editLast', { text: text() }),
  /** Remove on a queued message. */
  message('removeQueued', { id: id() }),
  /** Edit on a queued message: it leaves the queue and its text goes back to the message box. */
  message('editQueued', { id: id() }),
  message('copyCode', { code: text() }),
  message('insertCode', { code: text() }),
]);
export type WebviewToHost = v.InferOutput<typeof WebviewToHostSchema>;

/** The message when it is one the host understands; otherwise why not (for the log). */
export function parseWebviewMessage(value: unknown): { readonly message: WebviewToHost } | { readonly problem: string } {
  const parsed = v.safeParse(WebviewToHostSchema, value);
  if (parsed.success) return { message: parsed.output };
  const type = typeof value === 'object' && value !== null ? String((value as { type?: unknown }).type) : typeof value;
  return { problem: `message "${type}" refused: ${parsed.issues.map((i) => `${v.getDotPath(i) ?? 'message'}: ${i.message}`).join('; ')}` }; // not localized: log line
}

/** Runtime guard for messages arriving from the webview. */
export const isWebviewToHost = (value: unknown): value is WebviewToHost => v.is(WebviewToHostSchema, value);
