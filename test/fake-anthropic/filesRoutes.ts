/**
 * The Files API routes: `POST /v1/files` (multipart upload), `GET /v1/files` (list),
 * `GET /v1/files/:id` (metadata), `GET /v1/files/:id/content` (download: uploads are not
 * downloadable) and `DELETE /v1/files/:id`, with the API's errors. A gateway without the Files API
 * answers every route with a bare 404 page.
 */
import { EXPIRY_RANGE, FILES_BETA, fileMetadata, filenameProblem, fileNotFound, newFile, storedName, type StoredFile } from './files';
import { parseMultipart } from './multipart';
import type { ReceivedRequest } from './recording';
import type { ServerResponse } from 'node:http';
import { errorBody, sendJson, type ErrorDetails } from './respond';
import { betasOf } from './validateContext';

export interface FilesSettings {
  /** False: no Files API here (a gateway that does not route it): every route answers a bare `404 Not Found` page. */
  readonly enabled: boolean;
  /** True: every route needs the beta header, as before the Files API went GA (or behind a gateway pinned to the beta). */
  readonly betaRequired: boolean;
  /** Holds an upload until it opens (a slow upload). */
  readonly uploadGate?: { hold(): Promise<void> };
  /** True when this upload fails (counted down by the caller), with the status `failWith` (500 unless given). */
  readonly failUpload?: () => boolean;
  readonly failWith?: number;
}

/** Answers a request on a Files API path, holding or failing an upload as the settings say. */
export async function serveFiles(request: ReceivedRequest, res: ServerResponse, files: Map<string, StoredFile>, settings: FilesSettings): Promise<void> {
  const upload = request.record.method === 'POST';
  if (upload) await settings.uploadGate?.hold();
  const status = settings.failWith ?? 500;
  const failed = { status, json: status >= 500 ? errorBody('api_error', 'Internal server error') : errorBody('invalid_request_error', 'file: the file could not be processed') };
  const answer = upload && settings.failUpload?.() ? failed : answerFiles(request, files, settings);
  if ('json' in answer) return sendJson(res, answer.status, answer.json);
  res.writeHead(answer.status, { 'content-type': answer.contentType });
  res.end(answer.text);
}

export type FilesAnswer = { readonly status: number; readonly json: unknown } | { readonly status: number; readonly text: string; readonly contentType: string };

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

export const isFilesPath = (path: string): boolean => path === '/v1/files' || path.startsWith('/v1/files/');

const ok = (json: unknown): FilesAnswer => ({ status: 200, json });
const invalid = (message: string, details?: ErrorDetails): FilesAnswer => ({ status: 400, json: errorBody('invalid_request_error', message, details) });
const notFound = (id: string): FilesAnswer => ({ status: 404, json: errorBody('not_found_error', fileNotFound(id)) });

/** The answer to a request on a Files API path; `files` is changed by uploads and deletions. */
export function answerFiles(request: ReceivedRequest, files: Map<string, StoredFile>, settings: FilesSettings): FilesAnswer {
  if (!settings.enabled) return { status: 404, text: 'Not Found', contentType: 'text/plain' };
  const { record } = request;
  const beta = betasOf(record.headers['anthropic-beta']).includes(FILES_BETA);
  // The wording is the fake's: the API before GA answered 400 invalid_request_error here.
  if (settings.betaRequired && !beta) return invalid(`The Files API requires the beta header \`anthropic-beta: ${FILES_BETA}\`.`);
  const [, , , id, sub, ...rest] = record.path.split('/');
  const method = record.method;
  if (id === undefined && method === 'POST') return upload(request, files, beta);
  if (id === undefined && method === 'GET') return listPage([...files.values()].reverse(), request.query, beta);
  const file = id ? files.get(decodeURIComponent(id)) : undefined;
  if (id && sub === undefined && (method === 'GET' || method === 'DELETE')) {
    if (!file) return notFound(decodeURIComponent(id));
    if (method === 'GET') return ok(fileMetadata(file, beta));
    files.delete(file.id);
    return ok({ id: file.id, type: 'file_deleted' });
  }
  if (id && sub === 'content' && rest.length === 0 && method === 'GET') {
    if (!file) return notFound(decodeURIComponent(id));
    return invalid(`File \`${file.id}\` is not downloadable: only files created by skills or the code execution tool can be downloaded.`, { error_code: 'file_not_downloadable' });
  }
  return { status: 404, json: errorBody('not_found_error', `fake-anthropic: no route ${method} ${record.path}`) };
}

function upload({ record, raw }: ReceivedRequest, files: Map<string, StoredFile>, beta: boolean): FilesAnswer {
  const parts = parseMultipart(raw, record.headers['content-type']) ?? [];
  const part = parts.find((p) => p.name === 'file' && p.filename !== undefined) ?? parts.find((p) => p.name === 'file');
  if (!part) return invalid('file: Field required');
  const mimeType = part.contentType ?? 'application/octet-stream';
  const filename = storedName(part.filename, mimeType);
  const badName = filenameProblem(filename);
  if (badName) return invalid(badName);
  let expiresIn: number | undefined;
  const expiry = parts.find((p) => p.name === 'expires_in_seconds');
  if (expiry) {
    const text = expiry.data.toString('utf8').trim();
    if (!/^\d+$/.test(text)) return invalid('expires_in_seconds: Input should be a valid integer');
    expiresIn = Number(text);
    if (expiresIn < EXPIRY_RANGE.min) return invalid(`expires_in_seconds: Input should be greater than or equal to ${EXPIRY_RANGE.min}`);
    if (expiresIn > EXPIRY_RANGE.max) return invalid(`expires_in_seconds: Input should be less than or equal to ${EXPIRY_RANGE.max}`);
  }
  const file = newFile(filename, mimeType, Buffer.from(part.data), expiresIn);
  files.set(file.id, file);
  return ok(fileMetadata(file, beta));
}

/** A page of the list, newest first: `limit`, then `before_id`/`after_id` (beta shape) or `page`/`ids` (GA shape). */
function listPage(newestFirst: readonly StoredFile[], query: URLSearchParams, beta: boolean): FilesAnswer {
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_LIMIT : Number(limitText);
  if (!Number.isInteger(limit)) return invalid('limit: Input should be a valid integer');
  if (limit < 1) return invalid('limit: Input should be greater than or equal to 1');
  if (limit > MAX_LIMIT) return invalid(`limit: Input should be less than or equal to ${MAX_LIMIT}`);
  const meta = (list: readonly StoredFile[]) => list.map((f) => fileMetadata(f, beta));
  const indexOf = (id: string) => newestFirst.findIndex((f) => f.id === id);
  if (beta) {
    const after = query.get('after_id');
    const before = query.get('before_id');
    let rest = newestFirst;
    if (after !== null) rest = indexOf(after) < 0 ? [] : newestFirst.slice(indexOf(after) + 1);
    else if (before !== null) rest = indexOf(before) < 0 ? [] : newestFirst.slice(0, indexOf(before)).reverse();
    const page = rest.slice(0, limit);
    if (before !== null && after === null) page.reverse();
    return ok({ data: meta(page), has_more: rest.length > limit, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null });
  }
  const ids = [...query.getAll('ids'), ...query.getAll('ids[]')].flatMap((v) => v.split(',')).filter(Boolean);
  if (ids.length) {
    if (query.has('page') || limitText !== null) return invalid('ids: cannot be combined with `page` or `limit`');
    const visible = [...new Set(ids)].flatMap((id) => newestFirst.filter((f) => f.id === id));
    return ok({ data: meta(visible), next_page: null });
  }
  const cursor = query.get('page');
  let start = 0;
  if (cursor) {
    const last = indexOf(Buffer.from(cursor.replace(/^page_/, ''), 'base64url').toString('utf8'));
    if (!cursor.startsWith('page_') || last < 0) return invalid('page: Invalid page token');
    start = last + 1;
  }
  const page = newestFirst.slice(start, start + limit);
  const more = start + limit < newestFirst.length;
  return ok({ data: meta(page), next_page: more ? `page_${Buffer.from(page.at(-1)!.id).toString('base64url')}` : null });
}
