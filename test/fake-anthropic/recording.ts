/** What the fake server keeps of each request: method, paths, headers, body (as text, as JSON, its size) and how it ended. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  /** The path routed on: any prefix before `/v1/` removed. */
  readonly path: string;
  /** The path as sent, prefix included. */
  readonly fullPath: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body decoded as UTF-8 (lossy for a binary upload: its bytes are in the stored file). */
  readonly body: string;
  /** The parsed JSON body; undefined for a body that is not JSON (a multipart upload, for one). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
  /** Bytes of the body as received. */
  readonly bytes: number;
  /** True when the client closed the connection before the reply was complete. */
  aborted: boolean;
  /** Resolves when the connection for this request has closed (either way). */
  readonly closed: Promise<void>;
}

/** The request and its raw body, both read in full. */
export interface ReceivedRequest {
  readonly record: RecordedRequest;
  readonly raw: Buffer;
  readonly query: URLSearchParams;
}

/** Reads the body of `req` and records it; the record is marked aborted if `res` closes before it finishes. */
export async function receive(req: IncomingMessage, res: ServerResponse): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const body = raw.toString('utf8');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const fullPath = url.pathname; // route on the path only
  // A gateway's base URL may carry a prefix (`/gw`): route on what follows it, record both.
  const path = fullPath.replace(/^.*?(?=\/v1\/)/, '');
  const multipart = /^multipart\//i.test(req.headers['content-type'] ?? '');
  let json: unknown;
  try {
    json = body && !multipart ? JSON.parse(body) : undefined;
  } catch {
    json = undefined;
  }
  let markClosed!: () => void;
  const record: RecordedRequest = {
    method: req.method ?? 'GET',
    path,
    fullPath,
    headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
    body,
    json,
    bytes: raw.length,
    aborted: false,
    closed: new Promise<void>((resolve) => (markClosed = resolve)),
  };
  res.on('close', () => {
    if (!res.writableFinished) record.aborted = true;
    markClosed();
  });
  return { record, raw, query: url.searchParams };
}
