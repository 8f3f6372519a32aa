/**
 * Fetches an image that was dropped from a web page or pasted as an https:// address, so the chat
 * can show it and keep a copy. Every hop (at most three redirects) must pass the rules of
 * webImageTarget.ts, and the connection goes to the addresses that were checked (never to a second
 * answer of DNS); TLS is always verified. The body is capped while it streams and must be an
 * image by its bytes, not only by its Content-Type.
 */
import type { LookupAddress } from 'node:dns';
import type { IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { rootCertificates } from 'node:tls';
import * as l10n from '@vscode/l10n';
import { sniffImageType } from '../core/context/imageCheck';
import { isSupportedImageType, type ImageType } from '../core/context/images';
import { formatBytes, formatDuration } from '../core/l10n/format';
import { checkWebImageUrl, publicAddressesOf, resolveWithDns, shownAddress, WebImageRefusal, type ResolveHost } from './webImageTarget';

export { WebImageRefusal } from './webImageTarget';

export interface WebImageOptions {
  /** Ends the fetch (it rejects with an Error named 'AbortError'). */
  readonly signal?: AbortSignal;
  /** The largest body accepted; a larger one is refused before or while it streams. */
  readonly maxBytes: number;
  /** Lets 127.0.0.0/8 and ::1 through (no other private range): for the extension's own tests only. */
  readonly allowLoopback?: boolean;
  /** A CA trusted besides the system's (tests' own CA); verification is never turned off. */
  readonly ca?: string | Buffer;
  /** The whole fetch, redirects and body included; 20 s when not given. */
  readonly timeoutMs?: number;
  /** Resolves host names in place of DNS: for tests only. */
  readonly resolveHost?: ResolveHost;
}

export interface WebImage {
  readonly data: Buffer;
  /** What the bytes are, whatever the server called them. */
  readonly mediaType: ImageType;
  /** The address the image came from, after redirects. */
  readonly url: string;
  readonly bytes: number;
}

export const MAX_REDIRECTS = 3;
export const DEFAULT_TIMEOUT_MS = 20_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HEADERS = { Accept: 'image/png,image/jpeg,image/gif,image/webp', 'Accept-Encoding': 'identity', 'User-Agent': 'ClaudeChat-VSCode' };

/**
 * The image at `url` (https only, public addresses only, at most `maxBytes`). Throws a
 * WebImageRefusal whose `reason` tells the person why it was not fetched, or an Error named
 * 'AbortError' when `signal` ends it.
 */
export async function fetchWebImage(url: string, options: WebImageOptions): Promise<WebImage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (options.signal?.aborted) throw abortError();
  let current = checkWebImageUrl(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    for (let redirects = 0; ; redirects++) {
      const addresses = await untilAborted(publicAddressesOf(current, options.allowLoopback === true, options.resolveHost ?? resolveWithDns), controller.signal);
      const response = await get(current, addresses, options.ca, controller.signal);
      if (!REDIRECT_STATUSES.has(response.statusCode ?? 0)) return await readImage(current, response, options.maxBytes);
      response.destroy();
      if (redirects >= MAX_REDIRECTS) {
        throw new WebImageRefusal(l10n.t('{0} redirected more than {1} times, so the image was not fetched.', shownAddress(current), String(MAX_REDIRECTS)));
      }
      current = nextHop(current, response);
    }
  } catch (err) {
    if (err instanceof WebImageRefusal) throw err;
    if (timedOut) throw new WebImageRefusal(l10n.t('{0} did not send the image within {1}, so the download was stopped.', shownAddress(current), formatDuration(timeoutMs)));
    if (options.signal?.aborted) throw abortError();
    throw connectionRefusal(current, err);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** Where a redirect points, checked like the first address. */
function nextHop(from: URL, response: IncomingMessage): URL {
  const location = response.headers.location;
  if (!location) throw new WebImageRefusal(l10n.t('{0} redirected without saying where to, so the image was not fetched.', shownAddress(from)));
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new WebImageRefusal(l10n.t('{0} redirected to something that is not a web address, so the image was not fetched.', shownAddress(from)));
  }
  return checkWebImageUrl(target.href);
}

/** A GET of `url` over a connection to one of `addresses`, the ones that were checked. */
function get(url: URL, addresses: readonly LookupAddress[], ca: string | Buffer | undefined, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const options: RequestOptions = {
    host,
    port: url.port || 443,
    path: `${url.pathname}${url.search}`,
    method: 'GET',
    headers: HEADERS,
    agent: false,
    signal,
    lookup: pinnedLookup(addresses),
    // SNI and the certificate check use the name; an IP-literal host has no SNI
    ...(isIP(host) ? {} : { servername: host.replace(/\.$/, '') }),
    ...(ca ? { ca: [...rootCertificates, ca] } : {}),
  };
  return new Promise((resolve, reject) => {
    const req = request(options, (response) => {
      if (isCheckedPeer(response.socket?.remoteAddress, addresses)) return resolve(response);
      response.destroy();
      reject(new WebImageRefusal(l10n.t('The connection to {0} did not go to the address that was checked (is a proxy in between?), so the image was not fetched.', url.hostname)));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A lookup that answers with the checked addresses only, so a second DNS answer cannot differ from the first. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : undefined;
    const usable = family ? addresses.filter((a) => a.family === family) : [...addresses];
    // not localized: only its code reaches a reason
    if (!usable.length) return callback(Object.assign(new Error(`no checked IPv${family} address`), { code: 'ENOTFOUND' }), []);
    if (options.all) return callback(null, usable);
    callback(null, usable[0].address, usable[0].family);
  };
}

/**
 * Whether a connection's peer is one of the checked addresses (in any form: 127.0.0.1 is also
 * ::ffff:127.0.0.1). A patched agent or a proxy, as an editor may install, would connect elsewhere.
 */
export function isCheckedPeer(remote: string | undefined, addresses: readonly LookupAddress[]): boolean {
  const family = remote ? isIP(remote) : 0;
  if (!remote || !family) return false;
  const checked = new BlockList();
  for (const a of addresses) checked.addAddress(a.address, a.family === 6 ? 'ipv6' : 'ipv4');
  return checked.check(remote, family === 6 ? 'ipv6' : 'ipv4');
}

/** The body of a final (non-redirect) response, when it is an image within the limit. */
async function readImage(url: URL, response: IncomingMessage, maxBytes: number): Promise<WebImage> {
  const shown = shownAddress(url);
  const refuse = (reason: string): never => {
    response.destroy();
    throw new WebImageRefusal(reason);
  };
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) {
    const text = oneLine(response.statusMessage ?? '');
    refuse(l10n.t('{0} answered with status {1} instead of the image.', shown, text ? `${status} ${text}` : String(status)));
  }
  const declared = oneLine((response.headers['content-type'] ?? '').split(';')[0]).toLowerCase();
  if (!declared) refuse(l10n.t('{0} did not say what it sent (no Content-Type); Claude reads PNG, JPEG, GIF and WebP images.', shown));
  if (!isSupportedImageType(declared)) refuse(l10n.t('{0} is {1}, not an image Claude reads (PNG, JPEG, GIF or WebP).', shown, declared));
  const encoding = oneLine(response.headers['content-encoding'] ?? '').toLowerCase();
  if (encoding && encoding !== 'identity') refuse(l10n.t('{0} came compressed ({1}) although plain bytes were asked for, so it was not read.', shown, encoding));
  const length = Number(response.headers['content-length']);
  if (response.headers['content-length'] !== undefined && Number.isFinite(length) && length > maxBytes) {
    refuse(l10n.t('The image at {0} is {1}; at most {2} is fetched.', shown, formatBytes(length), formatBytes(maxBytes)));
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > maxBytes) refuse(l10n.t('The image at {0} is larger than {1}, so the download was stopped.', shown, formatBytes(maxBytes)));
    chunks.push(chunk);
  }
  const data = Buffer.concat(chunks, received);
  const mediaType = sniffImageType(data);
  if (!mediaType) refuse(l10n.t('{0} was sent as {1}, but its bytes are not a PNG, JPEG, GIF or WebP image.', shown, declared));
  return { data, mediaType: mediaType as ImageType, url: url.href, bytes: received };
}

/** Why a connection failed, in the person's words: an unverifiable certificate is said as such. */
function connectionRefusal(url: URL, err: unknown): WebImageRefusal {
  const code = (err as { code?: unknown } | undefined)?.code;
  const detail = typeof code === 'string' ? code : err instanceof Error ? oneLine(err.message) : String(err);
  if (/CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL/.test(detail)) {
    return new WebImageRefusal(l10n.t('The connection to {0} could not be verified as secure ({1}), so the image was not fetched.', url.hostname, detail));
  }
  return new WebImageRefusal(l10n.t('{0} could not be reached ({1}), so the image was not fetched.', url.hostname, detail));
}

function abortError(): Error {
  const error = new Error(l10n.t('The image download was stopped.'));
  error.name = 'AbortError';
  return error;
}

/** `promise`, or an AbortError as soon as `signal` aborts (a DNS lookup cannot be cancelled). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Text from a server, fit for a one-line reason. */
function oneLine(text: string): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}
