/**
 * What the model sees of a request and how many tokens that is, by the fake's measure: four
 * characters of JSON to a token, over the tools, the system prompt and the messages from the last
 * compaction block on (the API ignores whatever a compaction block sent back has replaced). An image
 * counts about 1,600 tokens whatever its size or source; a PDF about 1,500 tokens a page (its
 * `/Type /Page` objects); a plain-text document its text. `cache_control` says where to cache; it is
 * not part of the prompt, so it is not counted.
 */
import { isObj, type Obj } from './json';

/** The parts of a request the model reads, in the API's order. */
export interface ModelView {
  readonly tools?: readonly unknown[];
  readonly system?: unknown;
  readonly messages: readonly Obj[];
}

/** Characters an image counts as: about 1,600 tokens, as the API counts a full-size image, whatever its bytes. */
const MEDIA_CHARACTERS = 6_400;
/** Characters a PDF page counts as: about 1,500 tokens. */
const PAGE_CHARACTERS = 6_000;
/** Pages of a document the fake cannot read (at a URL, or a file it does not hold): a short one. */
const UNSEEN_PAGES = 3;

/** A stand-in of `characters` characters that still tells one medium from another (for the cache's prefixes). */
const standIn = (id: string, characters: number): string => id.padEnd(characters, '.');

const dataId = (kind: string, data: string): string => `${kind}:${data.length}:${data.slice(0, 24)}${data.slice(-24)}`;

/** Pages of a base64 PDF: its `/Type /Page` objects (not `/Pages`), at least one. */
export function pdfPages(data: string): number {
  const text = Buffer.from(data, 'base64').toString('latin1');
  return Math.max(1, text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0);
}

/** A `url` or `file` source, which carries no bytes: an image at the flat size, a document as a short one. */
function unseenSource(block: Obj, source: Obj): string {
  const id = `${String(source.type)}:${String(source.url ?? source.file_id)}`;
  return block.type === 'image' ? standIn(id, MEDIA_CHARACTERS) : standIn(id, UNSEEN_PAGES * PAGE_CHARACTERS);
}

/** JSON of `value` without its `cache_control` keys, images and documents at their flat sizes. */
export function promptJson(value: unknown): string {
  return (
    JSON.stringify(value, function (this: unknown, key, v: unknown) {
      if (key === 'cache_control') return undefined;
      if (key === 'source' && isObj(this) && (this.type === 'image' || this.type === 'document') && isObj(v) && (v.type === 'url' || v.type === 'file')) {
        return unseenSource(this, v);
      }
      if (key === 'data' && typeof v === 'string' && isObj(this) && this.type === 'base64') {
        return this.media_type === 'application/pdf' ? standIn(dataId('pdf', v), pdfPages(v) * PAGE_CHARACTERS) : standIn(dataId('media', v), MEDIA_CHARACTERS);
      }
      return v;
    }) ?? ''
  );
}

/** Tokens of `value` as the fake counts them: ceil(characters of its JSON / 4), `cache_control` left out. */
export const jsonTokens = (value: unknown): number => Math.ceil(promptJson(value).length / 4);

/** The request as the model sees it: messages before the last compaction block dropped. */
export function modelView(body: unknown): ModelView {
  if (!isObj(body)) return { messages: [] };
  const messages = Array.isArray(body.messages) ? (body.messages.filter(isObj) as Obj[]) : [];
  return {
    tools: Array.isArray(body.tools) ? body.tools : undefined,
    system: body.system,
    messages: fromLastCompaction(messages),
  };
}

/** Tokens of what the model sees. */
export const viewTokens = (view: ModelView): number => jsonTokens({ tools: view.tools, system: view.system, messages: view.messages });

/**
 * The fake's token estimate of a Messages request: ceil(characters / 4) of the JSON of its `tools`,
 * `system` and `messages` (from the last compaction block on), without `cache_control`.
 */
export const estimateTokens = (body: unknown): number => viewTokens(modelView(body));

/** The API's 400 for a prompt over the window, or undefined when it fits (or there is no window). */
export function windowError(tokens: number, window: number | undefined): string | undefined {
  return window !== undefined && tokens > window ? `prompt is too long: ${tokens} tokens > ${window} maximum` : undefined;
}

/** A compaction block with a summary; one with `content: null` (a failed compaction) replaces nothing. */
export const isSummary = (block: unknown): boolean => isObj(block) && block.type === 'compaction' && typeof block.content === 'string';

function fromLastCompaction(messages: readonly Obj[]): readonly Obj[] {
  for (let n = messages.length - 1; n >= 0; n--) {
    const content = messages[n].content;
    if (!Array.isArray(content)) continue;
    for (let m = content.length - 1; m >= 0; m--) {
      if (isSummary(content[m])) return [{ ...messages[n], content: content.slice(m) }, ...messages.slice(n + 1)];
    }
  }
  return messages;
}
