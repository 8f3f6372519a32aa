/**
 * Tolerance for gateways: endpoints that speak the Messages API but wrap JSON as
 * `{"code":200,"data":{...}}`, report errors in the same envelope (`{"code":403,"msg":"..."}`, also
 * with HTTP 200), answer a streamed request with such JSON instead of SSE, or send a proxy's HTML
 * page. The host's fetch wrapper reads the body; these functions decide what the SDK sees instead.
 */
import * as l10n from '@vscode/l10n';

/** Where a rewritten error came from; the classifier words its message by it. */
export type GatewaySource = 'envelope' | 'html' | 'text';

/** What the fetch wrapper does before reading a body: hand it on, read it whole, or look at its start first. */
export type BodyPlan = 'pass' | 'read' | 'peek';

export interface RewrittenBody {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** Visible text of an HTML page is cut to this many characters. */
export const HTML_TEXT_LIMIT = 300;
const MESSAGE_LIMIT = 500;

const ok = (status: number) => status >= 200 && status < 300;

/** Decided on the status and content-type alone, before any of the body is read. */
export function planFor(status: number, contentType: string): BodyPlan {
  const type = contentType.toLowerCase();
  if (ok(status) && type.includes('text/event-stream')) return 'pass';
  if (!ok(status) || /json|html/.test(type)) return 'read';
  // text/plain or no type: a real stream must keep streaming, so only its first bytes decide.
  return 'peek';
}

const LEADING_SPACE = /^[\s\uFEFF]+/;

/** For a peeked body: true when it opens like a JSON object or an HTML page rather than SSE. */
export function looksLikeDocument(head: string): boolean {
  return /^[{<]/.test(head.replace(LEADING_SPACE, ''));
}

/** True once `head` holds a character that is not white space (enough to decide). */
export function canDecide(head: string): boolean {
  return head.replace(LEADING_SPACE, '').length > 0;
}

/** The error `type` the API itself uses for each status, so the rest of the code needs no special case. */
export function errorTypeFor(status: number): string {
  const types: Record<number, string> = {
    400: 'invalid_request_error',
    401: 'authentication_error',
    402: 'billing_error',
    403: 'permission_error',
    404: 'not_found_error',
    413: 'request_too_large',
    429: 'rate_limit_error',
    504: 'timeout_error',
    529: 'overloaded_error',
  };
  return types[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

function collapse(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit - 1).trimEnd()}…` : flat;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text a person would read on an HTML page: no head, scripts, styles or tags; white space collapsed. */
export function htmlText(html: string, limit = HTML_TEXT_LIMIT): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '';
  const body = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(head|title|script|style|noscript|template|svg)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[a-z!?][^>]*(?:>|$)/gi, ' ');
  const text = decodeEntities(body).replace(/\s+/g, ' ').trim() || decodeEntities(title.replace(/<[^>]*>/g, ' '));
  return collapse(text, limit);
}

/** The message of an HTML answer, for the person: what it was, its status, and the start of its text. */
export function htmlPageMessage(status: number, html: string): string {
  const text = htmlText(html);
  return text ? l10n.t('The endpoint answered with an HTML page ({0}): {1}', status, text) : l10n.t('The endpoint answered with an HTML page ({0}).', status);
}

type Json = Record<string, unknown>;

function parseObject(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** A gateway's `code` as an HTTP status: a number or a numeric string, 100–599; anything else is no status. */
function statusCode(code: unknown): number | undefined {
  const n = typeof code === 'number' ? code : typeof code === 'string' && /^\d{3}$/.test(code.trim()) ? Number(code) : NaN;
  return Number.isInteger(n) && n >= 100 && n < 600 ? n : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? collapse(value, MESSAGE_LIMIT) : undefined;
}

/** The words a gateway put in its body, under whichever name it uses. */
function gatewayMessage(body: Json): string {
  const nested = typeof body.error === 'object' && body.error !== null ? (body.error as Json).message : undefined;
  return text(body.msg) ?? text(body.message) ?? text(body.error) ?? text(nested) ?? text(body.detail) ?? '';
}

/** An error body in the API's own shape, marked with where it came from and the status the endpoint sent. */
function apiError(status: number, message: string, source: GatewaySource, httpStatus: number): RewrittenBody {
  const body = { type: 'error', error: { type: errorTypeFor(status), message }, message, gateway: { source, status: httpStatus } };
  return { status, contentType: 'application/json', text: JSON.stringify(body) };
}

/** The `data` of a wrapped success body, as JSON text. */
function unwrapped(body: Json): string | undefined {
  const code = statusCode(body.code);
  const data = body.data;
  const wrapped = code !== undefined && ok(code) && typeof data === 'object' && data !== null && !('type' in body);
  return wrapped ? JSON.stringify(data) : undefined;
}

function fromJson(status: number, body: Json, original: string): RewrittenBody {
  const code = statusCode(body.code);
  if (code !== undefined && code >= 400) return apiError(code, gatewayMessage(body), 'envelope', status);
  const data = unwrapped(body);
  if (data !== undefined) return { status, contentType: 'application/json', text: data };
  const apiShaped = body.type === 'error' || (typeof body.error === 'object' && body.error !== null);
  const message = gatewayMessage(body);
  if (!ok(status) && !apiShaped && message) return apiError(status, message, 'envelope', status);
  return { status, contentType: 'application/json', text: original };
}

/**
 * What the SDK should see for a body read whole: a wrapped success unwrapped, a gateway's error
 * (envelope, HTML page or plain text) as an API error with the right status, or the body as it came.
 */
export function rewriteBody(status: number, contentType: string, body: string): RewrittenBody {
  const trimmed = body.replace(LEADING_SPACE, '');
  if (trimmed.startsWith('{')) {
    const json = parseObject(trimmed);
    if (json) return fromJson(status, json, trimmed);
  }
  if (/text\/html/i.test(contentType) || trimmed.startsWith('<')) {
    // A page is never an API answer, so a 2xx one still has to fail; 502 says the endpoint answered wrongly.
    return apiError(ok(status) ? 502 : status, htmlPageMessage(status, body), 'html', status);
  }
  if (!ok(status) && trimmed) return apiError(status, collapse(trimmed, HTML_TEXT_LIMIT), 'text', status);
  return { status, contentType, text: body };
}

/** Returns the `data` of a wrapped success body, or the text unchanged. */
export function unwrapGatewayJson(text: string): string {
  const json = parseObject(text.replace(LEADING_SPACE, ''));
  return (json && unwrapped(json)) ?? text;
}
