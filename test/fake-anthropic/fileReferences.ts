/**
 * What a request's `file` and `url` sources meet once its shape is valid: a file must exist (404
 * otherwise, as for a file deleted or never uploaded) and suit its block (an image file in an
 * `image` block, a PDF or plain text in a `document`); a gateway may refuse URL sources outright.
 */
import { DOCUMENT_TYPES, FILES_BETA, fileNotFound, IMAGE_TYPES, isPdf, type StoredFile } from './files';
import { isObj, type Obj } from './json';
import { invalidPdf } from './validateSources';

/** An answer other than the reply: the HTTP status and the API's error type and message. */
export interface Refusal {
  readonly status: number;
  readonly type: string;
  readonly message: string;
}

export interface FileInputs {
  readonly files: ReadonlyMap<string, StoredFile>;
  /** The `anthropic-beta` header's values. */
  readonly betas: readonly string[];
  /** True: a `file` source needs the beta header (the API before the Files API went GA). */
  readonly betaRequired: boolean;
}

interface Placed {
  readonly block: Obj;
  readonly path: string;
}

/** Every image and document block of `messages` with its path, inside tool results and content sources too. */
export function mediaBlocks(messages: unknown): Placed[] {
  if (!Array.isArray(messages)) return [];
  return messages.flatMap((message, n) =>
    isObj(message) && Array.isArray(message.content) ? message.content.flatMap((block, m) => placed(block, `messages.${n}.content.${m}`)) : [],
  );
}

function placed(block: unknown, path: string): Placed[] {
  if (!isObj(block)) return [];
  const inner = (items: unknown, at: string) => (Array.isArray(items) ? items.flatMap((item, i) => placed(item, `${at}.${i}`)) : []);
  if (block.type === 'tool_result') return inner(block.content, `${path}.tool_result.content`);
  if (block.type === 'image') return [{ block, path }];
  if (block.type !== 'document') return [];
  const source = block.source;
  const nested = isObj(source) && source.type === 'content' ? inner(source.content, `${path}.document.source.content.content`) : [];
  return [{ block, path }, ...nested];
}

const invalid = (message: string): Refusal => ({ status: 400, type: 'invalid_request_error', message });

/** A gateway that does not pass URL sources on refuses any request holding one (the wording is the fake's). */
export function urlSourceRefusal(messages: unknown): Refusal | undefined {
  const withUrl = mediaBlocks(messages).find(({ block }) => isObj(block.source) && block.source.type === 'url');
  return withUrl && invalid(`${withUrl.path}: URL sources are not supported.`);
}

/** The API's answer to the request's first `file` source that cannot be used, or undefined. */
export function fileRefusal(messages: unknown, inputs: FileInputs): Refusal | undefined {
  for (const { block, path } of mediaBlocks(messages)) {
    const source = block.source;
    if (!isObj(source) || source.type !== 'file') continue;
    const at = `${path}.${String(block.type)}.source.file`;
    if (inputs.betaRequired && !inputs.betas.includes(FILES_BETA)) return invalid(`${at}: \`file\` sources require the beta header \`anthropic-beta: ${FILES_BETA}\``);
    const id = String(source.file_id);
    const file = inputs.files.get(id);
    if (!file) return { status: 404, type: 'not_found_error', message: fileNotFound(id) };
    // The API's words for a file in the wrong kind of block are not known; these are the fake's.
    if (block.type === 'image' && !IMAGE_TYPES.includes(file.mimeType)) {
      return invalid(`${at}: File \`${id}\` has type ${file.mimeType}; an \`image\` block takes ${IMAGE_TYPES.join(', ')}`);
    }
    if (block.type === 'document' && !DOCUMENT_TYPES.includes(file.mimeType)) {
      return invalid(`${at}: File \`${id}\` has type ${file.mimeType}; a \`document\` block takes ${DOCUMENT_TYPES.join(', ')}`);
    }
    if (block.type === 'document' && file.mimeType === 'application/pdf' && !isPdf(file.bytes)) return invalid(invalidPdf(path));
  }
  return undefined;
}

/**
 * `body` with each `file` source the store holds replaced by its bytes inline (base64, or the text
 * of a plain-text document), so that a file counts toward the prompt as the same content sent inline
 * would. The body itself is unchanged; without file sources it is returned as is.
 */
export function withFilesInline(body: unknown, files: ReadonlyMap<string, StoredFile>): unknown {
  const held = (source: unknown): StoredFile | undefined => (isObj(source) && source.type === 'file' ? files.get(String(source.file_id)) : undefined);
  if (!isObj(body) || !mediaBlocks(body.messages).some(({ block }) => held(block.source))) return body;
  return JSON.parse(
    JSON.stringify(body, function (this: unknown, key, value: unknown) {
      const file = key === 'source' && isObj(this) ? held(value) : undefined;
      if (!file) return value;
      if (file.mimeType === 'text/plain') return { type: 'text', media_type: 'text/plain', data: file.bytes.toString('utf8') };
      return { type: 'base64', media_type: file.mimeType, data: file.bytes.toString('base64') };
    }),
  );
}
