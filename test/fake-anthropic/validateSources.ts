/**
 * Checks of what `image` and `document` blocks carry, in the real API's wording where it is known:
 * an image from base64 (four media types), an https URL or an uploaded file; a document from a
 * base64 PDF, plain text, content blocks, an https URL or an uploaded file, with optional
 * `title`, `context` and `citations`. Whether a file exists is checked later (fileReferences.ts).
 */
import { IMAGE_TYPES, isPdf } from './files';
import { isObj, nonEmptyString, type Obj } from './json';

/** The API's answer to a URL source that is not https (seen as a 400 `invalid_request_error`). */
export const HTTPS_ONLY = 'Only HTTPS URLs are supported.';

/** The API's answer to a base64 PDF that is not one (seen with exactly this path shape). */
export const invalidPdf = (path: string): string => `${path}.pdf.source.base64.data: The PDF specified was not valid.`;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 with its padding, as the API decodes it. */
export const isBase64 = (data: string): boolean => data.length % 4 === 0 && BASE64.test(data);

const tagError = (path: string, type: unknown, tags: readonly string[]): string =>
  `${path}: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: ${tags.map((t) => `'${t}'`).join(', ')}`;

function checkUrl(source: Obj, path: string): string | undefined {
  if (!nonEmptyString(source.url)) return `${path}.url.url: Field required`;
  let protocol: string;
  try {
    protocol = new URL(source.url).protocol;
  } catch {
    return `${path}.url.url: Input should be a valid URL`;
  }
  return protocol === 'https:' ? undefined : HTTPS_ONLY;
}

const checkFileId = (source: Obj, path: string): string | undefined => (nonEmptyString(source.file_id) ? undefined : `${path}.file.file_id: Field required`);

export function checkImage(block: Obj, path: string): string | undefined {
  const source = block.source;
  const at = `${path}.image.source`;
  if (!isObj(source)) return `${at}: Field required`;
  switch (source.type) {
    case 'base64':
      if (typeof source.media_type !== 'string' || !IMAGE_TYPES.includes(source.media_type)) {
        return `${at}.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`;
      }
      if (!nonEmptyString(source.data)) return `${at}.base64.data: Field required`;
      return isBase64(source.data) ? undefined : `${at}.base64.data: Invalid base64 data`;
    case 'url':
      return checkUrl(source, at);
    case 'file':
      return checkFileId(source, at);
    default:
      return tagError(at, source.type, ['base64', 'url', 'file']);
  }
}

/** A `document` block (the caller has checked it sits in a user message). */
export function checkDocument(block: Obj, path: string): string | undefined {
  return checkDocumentSource(block.source, path) ?? checkDocumentFields(block, `${path}.document`);
}

function checkDocumentSource(source: unknown, path: string): string | undefined {
  const at = `${path}.document.source`;
  if (!isObj(source)) return `${at}: Field required`;
  switch (source.type) {
    case 'base64':
      if (source.media_type !== 'application/pdf') return `${at}.base64.media_type: Input should be 'application/pdf'`;
      if (!nonEmptyString(source.data)) return `${at}.base64.data: Field required`;
      return isBase64(source.data) && isPdf(Buffer.from(source.data.slice(0, 12), 'base64')) ? undefined : invalidPdf(path);
    case 'text':
      if (source.media_type !== 'text/plain') return `${at}.text.media_type: Input should be 'text/plain'`;
      return typeof source.data === 'string' ? undefined : `${at}.text.data: Field required`;
    case 'content':
      return checkContentSource(source.content, `${at}.content.content`);
    case 'url':
      return checkUrl(source, at);
    case 'file':
      return checkFileId(source, at);
    default:
      return tagError(at, source.type, ['base64', 'text', 'content', 'url', 'file']);
  }
}

// A `content` source: a string, or text and image blocks.
function checkContentSource(content: unknown, path: string): string | undefined {
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return `${path}: Field required`;
  for (const [i, item] of content.entries()) {
    const itemPath = `${path}.${i}`;
    if (!isObj(item)) return `${itemPath}: Input should be a valid dictionary`;
    if (item.type === 'image') {
      const error = checkImage(item, itemPath);
      if (error) return error;
    } else if (item.type !== 'text') return tagError(itemPath, item.type, ['text', 'image']);
    else if (typeof item.text !== 'string') return `${itemPath}.text.text: Field required`;
  }
  return undefined;
}

function checkDocumentFields(block: Obj, at: string): string | undefined {
  for (const field of ['title', 'context'] as const) {
    if (block[field] != null && typeof block[field] !== 'string') return `${at}.${field}: Input should be a valid string`;
  }
  const citations = block.citations;
  if (citations == null) return undefined;
  if (!isObj(citations)) return `${at}.citations: Input should be a valid dictionary`;
  return citations.enabled === undefined || typeof citations.enabled === 'boolean' ? undefined : `${at}.citations.enabled: Input should be a valid boolean`;
}
