/**
 * AWS Signature Version 4 as a service checks it: the `Authorization` header's parts, and the
 * signature recomputed from the request with the secret key (canonical request, string to sign,
 * signing key), following the signer the Bedrock SDK uses (@smithy/signature-v4).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/bedrock/aws4_request, SignedHeaders=…, Signature=…`. */
export interface SigV4Authorization {
  readonly accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** The parsed header, or undefined when it is not a complete SigV4 `Authorization` value. */
export function parseSigV4(header: string): SigV4Authorization | undefined {
  if (!header.startsWith(`${SIGV4_ALGORITHM} `)) return undefined;
  const parts = new Map(
    header
      .slice(SIGV4_ALGORITHM.length + 1)
      .split(',')
      .map((part) => part.trim().split('=', 2) as [string, string | undefined]),
  );
  const credential = parts.get('Credential')?.split('/');
  const signedHeaders = parts.get('SignedHeaders');
  const signature = parts.get('Signature');
  if (!credential || credential.length !== 5 || !signedHeaders || !signature) return undefined;
  const [accessKeyId, date, region, service, terminator] = credential;
  return { accessKeyId, date, region, service, terminator, signedHeaders: signedHeaders.split(';'), signature };
}

/** What the signature covers, as the server received it. */
export interface SignedRequest {
  readonly method: string;
  /** The path exactly as sent (still percent-encoded). */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** Hex SHA-256 of `data`. */
export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** True when `auth.signature` is what `secretAccessKey` gives for this request. */
export function signatureMatches(request: SignedRequest, auth: SigV4Authorization, secretAccessKey: string): boolean {
  const amzDate = request.headers['x-amz-date'] ?? '';
  const scope = `${auth.date}/${auth.region}/${auth.service}/${auth.terminator}`;
  const payloadHash = sha256Hex(request.body);
  // The signer puts the body's hash in a header; a body that does not match it was not what was signed.
  const sentHash = request.headers['x-amz-content-sha256'];
  if (sentHash !== undefined && sentHash !== payloadHash) return false;
  const canonicalRequest = [
    request.method,
    canonicalPath(request.rawPath),
    canonicalQuery(request.query),
    ...auth.signedHeaders.map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}`),
    '',
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(auth.date).digest();
  for (const part of [auth.region, auth.service, auth.terminator]) key = createHmac('sha256', key).update(part).digest();
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** AWS's URI escaping: `encodeURIComponent` plus `!'()*`. */
const escapeUri = (text: string): string => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Every service but S3 signs the normalized path encoded once more (`%2F` in a model ARN becomes `%252F`). */
function canonicalPath(rawPath: string): string {
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `/${segments.join('/')}${segments.length && rawPath.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(query: URLSearchParams): string {
  const keys = [...new Set(query.keys())].sort();
  return keys
    .flatMap((key) =>
      query
        .getAll(key)
        .map((value) => `${escapeUri(key)}=${escapeUri(value)}`)
        .sort(),
    )
    .join('&');
}
