/**
 * The files the fake's Files API holds, and how the API describes them. The API went GA in SDK 0.119
 * (`client.files`); since SDK 0.122 `client.beta.files` sends no beta header either. A request that
 * still sends `anthropic-beta: files-api-2025-04-14` gets the beta shapes (a list page with
 * `has_more`/`first_id`/`last_id`, not `next_page`), as the SDK's changelog says.
 */
import { randomBytes } from 'node:crypto';

export const FILES_BETA = 'files-api-2025-04-14';

export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly bytes: Buffer;
  readonly createdAt: string;
  /** Set when the upload asked for `expires_in_seconds`. */
  readonly expiresAt?: string;
}

/** Media types an `image` block takes. */
export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** Media types a `document` block takes from a file. */
export const DOCUMENT_TYPES: readonly string[] = ['application/pdf', 'text/plain'];

/** The range the API allows for `expires_in_seconds` (one hour to ninety days). */
export const EXPIRY_RANGE = { min: 3_600, max: 7_776_000 } as const;

const EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
};

const ID_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** An id shaped like the API's (`file_011C…`, 28 characters). */
function newFileId(): string {
  return `file_011C${[...randomBytes(19)].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

/** The API keeps only the last path component of a filename and names a file without one `unnamed` plus its type's extension. */
export function storedName(filename: string | undefined, mimeType: string): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  return base || `unnamed${EXTENSIONS[mimeType] ?? ''}`;
}

/** Why the API refuses a (stored) filename, or undefined: 1–255 characters, none of `<>:"|?*` and no control characters. */
export function filenameProblem(name: string): string | undefined {
  if (name.length > 255) return 'file: filename must be at most 255 characters';
  // eslint-disable-next-line no-control-regex
  return /[<>:"|?*\u0000-\u001f]/.test(name) ? 'file: filename contains forbidden characters' : undefined;
}

export function newFile(filename: string, mimeType: string, bytes: Buffer, expiresInSeconds?: number): StoredFile {
  const now = Date.now();
  return {
    id: newFileId(),
    filename,
    mimeType,
    bytes,
    createdAt: new Date(now).toISOString(),
    ...(expiresInSeconds === undefined ? {} : { expiresAt: new Date(now + expiresInSeconds * 1000).toISOString() }),
  };
}

/** The file's metadata as the API answers it: the GA shape carries `expires_at`, the beta shape only when set. */
export function fileMetadata(file: StoredFile, betaShape: boolean) {
  const expires = betaShape && file.expiresAt === undefined ? {} : { expires_at: file.expiresAt ?? null };
  return {
    id: file.id,
    type: 'file',
    filename: file.filename,
    mime_type: file.mimeType,
    size_bytes: file.bytes.length,
    created_at: file.createdAt,
    downloadable: false,
    ...expires,
  };
}

/** The API's message for an unknown, deleted or expired file id (its Files API guide, error handling). */
export const fileNotFound = (id: string): string => `File \`${id}\` not found.`;

/** True when `bytes` open like a PDF. */
export const isPdf = (bytes: Buffer): boolean => bytes.subarray(0, 5).toString('latin1') === '%PDF-';
