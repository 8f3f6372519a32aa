/** Turns whatever a request threw into a message a person can act on (in VS Code's display language). */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../l10n/format';
import type { ErrorAction } from '../protocol/protocol';
import { ProviderSetupProblem } from './providerErrors';

export type ErrorKind =
  | 'aborted'
  | 'auth'
  | 'billing'
  | 'permission'
  | 'notFound'
  | 'tooLarge'
  | 'rateLimit'
  | 'overloaded'
  | 'server'
  | 'invalidRequest'
  | 'connection'
  | 'unknown';

export interface ClassifiedError {
  readonly kind: ErrorKind;
  /** For the person, translated. */
  readonly message: string;
  /** The message's first sentence (a retry countdown starts with it); the whole message when unset. */
  readonly headline?: string;
  /** The API's (or the endpoint's) own words, untranslated: what code may look into ("prompt is too long"). */
  readonly detail?: string;
  readonly actions: readonly ErrorAction[];
  readonly status?: number;
  /** Milliseconds the API asked us to wait (retry-after-ms or retry-after), when it said. */
  readonly retryAfterMs?: number;
  /** Worth retrying by itself after a wait (rate limits, overloads, server errors). */
  readonly transient?: boolean;
}

export interface ErrorContext {
  /** True when the user pressed Stop (our own AbortSignal fired). */
  readonly aborted: boolean;
  readonly model: string;
  /** True when part of the reply had already arrived. */
  readonly partial: boolean;
}

interface ErrorShape {
  readonly status?: unknown;
  readonly error?: unknown;
  readonly headers?: unknown;
  readonly message?: unknown;
  readonly name?: unknown;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  const get = field(headers, 'get');
  if (typeof get === 'function') return (get as (n: string) => string | null).call(headers, name) ?? undefined;
  const value = field(headers, name);
  return typeof value === 'string' ? value : undefined;
}

function retryAfterMs(headers: unknown): number | undefined {
  const ms = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = header(headers, 'retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A 400 about sampling parameters usually means the API version dropped them: say what to change. */
function prefillHint(detail: string): string[] {
  if (!/prefill|must end with a user message/i.test(detail)) return [];
  return [l10n.t('This model does not accept a prefilled reply (only the Claude 4.5 models do): clear "Start Claude\'s reply with" and send again.')];
}

function samplingHint(detail: string): string[] {
  if (!/temperature|top_p|top_k/i.test(detail)) return [];
  return [
    l10n.t('The current API version (what the SDK sends by default) no longer accepts temperature, top_p or top_k.'),
    l10n.t('Clear claudeChat.temperature / topP / topK, or pin claudeChat.apiVersion to "2023-06-01" (older models only).'),
  ];
}

/** Whole sentences one after the other (the separator is the language's: a space, or none). */
export function sentences(...parts: readonly (string | undefined | false)[]): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .reduce((text, next) => (text ? l10n.t({ message: '{0} {1}', args: [text, next], comment: ['Two sentences one after the other: keep the space only where the language puts one between sentences'] }) : next), '');
}

/** The partial reply is kept: said after a failure that came after some text. */
function keptNote(partial: boolean): string | undefined {
  return partial ? l10n.t('The partial reply is kept.') : undefined;
}

// A new key (or one with money on its account) is what fixes these; a 403 for any other reason
// (region, model access, a firewall page) is not helped by it, so Set API Key is not offered then.
const KEY_PROBLEM = /\bkeys?\b|api[ _-]?key|token|credential|authori[sz]|authenticat|balance|quota|credits?\b|billing|payment|insufficient|余额|额度|欠费|密钥|令牌|认证|鉴权|授权|充值/i;

/**
 * `error.details.error_code` of the API's error body: a stable name for the cause, where the `type`
 * is only its broad category (SDK 1.17 shows it in its messages; it is read here from the body).
 */
function errorCodeOf(body: unknown): string | undefined {
  const code = field(field(field(body, 'error'), 'details'), 'error_code');
  return typeof code === 'string' && code ? code : undefined;
}

/**
 * 429s that waiting does not clear: the organization's monthly usage threshold or its contract's
 * spend limit. Any other code of a 429 (such as `ramp_limit_exceeded`) is a rate limit as its type says.
 */
const SPEND_LIMITS = new Set(['enforced_spend_limit_reached', 'contract_spend_limit_reached']);

/** Where core/gateway rewrote the answer from (envelope, HTML page, plain text), and the HTTP status it came with. */
function gatewayOf(body: unknown): { source?: string; httpStatus?: number } {
  const gateway = field(body, 'gateway');
  const source = field(gateway, 'source');
  const httpStatus = field(gateway, 'status');
  return { source: typeof source === 'string' ? source : undefined, httpStatus: typeof httpStatus === 'number' ? httpStatus : undefined };
}

/**
 * The message of the innermost `cause`: SDK 1.17 wraps a mid-stream drop as "Connection error." with
 * the runtime's "terminated" as its cause (1.12 threw "terminated" itself), and a refused connection
 * says where it failed only in the cause of a cause.
 */
function rootCause(err: unknown): string | undefined {
  let found: string | undefined;
  for (let cause = field(err, 'cause'), depth = 0; cause !== undefined && cause !== null && depth < 5; cause = field(cause, 'cause'), depth++) {
    const message = field(cause, 'message');
    if (typeof message === 'string' && message.trim()) found = message.trim();
  }
  return found;
}

/**
 * A stream that ended without `message_stop`: a proxy or gateway closed the connection cleanly
 * mid-reply, which no SDK version reports as an error. Worth an automatic retry only while nothing
 * visible has arrived (the retry policy decides that from the partial flag).
 */
export function endedEarlyError(partial: boolean): ClassifiedError {
  const headline = l10n.t('The connection closed before the reply finished.');
  return { kind: 'connection', transient: true, actions: ['retry'], headline, message: sentences(headline, keptNote(partial)) };
}

/** The message of whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Classifies an error thrown by the SDK (or the network under it). Branches on the HTTP status and
 * the API's error `type`, never on class names, which differ between SDK versions.
 */
export function classifyError(err: unknown, ctx: ErrorContext): ClassifiedError {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorShape;
  if (ctx.aborted) return { kind: 'aborted', message: l10n.t('Stopped.'), actions: [] };
  // Cloud credentials to mend: the message is the fix; nothing went, so nothing is retried.
  if (err instanceof ProviderSetupProblem) return { kind: 'auth', message: err.message, detail: err.detail, actions: [] };
  const classified = classifyStatus(e, ctx);
  const { source, httpStatus } = gatewayOf(e.error);
  if (source !== 'html') return classified;
  // The page's own words say more than a status template; a page sent with 2xx will not change by waiting.
  const page = String(field(field(e.error, 'error'), 'message') ?? classified.message);
  return { ...classified, message: page, headline: page, detail: page, ...(httpStatus !== undefined && httpStatus < 400 ? { transient: false } : {}) };
}

function classifyStatus(e: ErrorShape, ctx: ErrorContext): ClassifiedError {
  const status = typeof e.status === 'number' ? e.status : undefined;
  const body = e.error;
  const apiType = String(field(field(body, 'error'), 'type') ?? field(body, 'type') ?? '');
  const apiMessage = String(field(field(body, 'error'), 'message') ?? '').trim();
  const raw = typeof e.message === 'string' ? e.message : '';
  const fromGateway = gatewayOf(body).source !== undefined;
  // The SDK's own message for a rewritten body is its JSON: say nothing rather than that.
  const detail = apiMessage || (fromGateway ? '' : raw);
  const kept = keptNote(ctx.partial);
  const base = { status, ...(detail ? { detail } : {}) };
  // "401" or "401: the API's words", inside the message's parentheses.
  const code = (n: number, words: string) => (words ? `${n}: ${words}` : String(n));

  if (status === 401 || apiType === 'authentication_error') {
    const message = fromGateway
      ? l10n.t('The endpoint rejected the API key ({0}). Set a valid key to continue.', code(401, apiMessage))
      : l10n.t('Claude rejected the API key ({0}). Set a valid key to continue.', code(401, apiMessage));
    return { kind: 'auth', ...base, actions: ['setApiKey'], message };
  }
  if (status === 402 || apiType === 'billing_error') {
    return { kind: 'billing', ...base, actions: [], message: l10n.t('The API refused the request for a billing reason (402): {0}', detail) };
  }
  if (status === 403 || apiType === 'permission_error') {
    const actions: ErrorAction[] = !apiMessage || KEY_PROBLEM.test(apiMessage) ? ['setApiKey'] : [];
    const message = fromGateway
      ? detail
        ? l10n.t('The endpoint refused the request (403): {0}', detail)
        : l10n.t('The endpoint refused the request (403).')
      : detail
        ? l10n.t('This key is not allowed to do that (403): {0}', detail)
        : l10n.t('This key is not allowed to do that (403).');
    return { kind: 'permission', ...base, actions, message };
  }
  if ((status === 404 || apiType === 'not_found_error') && apiMessage && /\bfile_\w+/.test(apiMessage)) {
    const message = l10n.t('A file this chat uploaded is no longer at the endpoint, and uploading it again did not help (404). Remove the attachment or start a new chat. ({0})', apiMessage);
    return { kind: 'notFound', ...base, actions: ['retry'], message };
  }
  if (status === 404 || apiType === 'not_found_error') {
    const message = apiMessage
      ? l10n.t('The model "{0}" was not found (404). Pick another model. ({1})', ctx.model, apiMessage)
      : l10n.t('The model "{0}" was not found (404). Pick another model.', ctx.model);
    return { kind: 'notFound', ...base, actions: ['pickModel'], message };
  }
  if (status === 413 || apiType === 'request_too_large') {
    return { kind: 'tooLarge', ...base, actions: [], message: l10n.t('The request is too large for the API (413). Remove attachments or start a new chat.') };
  }
  if ((status === 429 || apiType === 'rate_limit_error') && SPEND_LIMITS.has(errorCodeOf(body) ?? '')) {
    const said = detail.replace(/\.?\s*$/, '.');
    const reached =
      status !== undefined
        ? detail
          ? l10n.t('The organization has reached its spend limit ({0}): {1}', status, said)
          : l10n.t('The organization has reached its spend limit ({0}).', status)
        : detail
          ? l10n.t('The organization has reached its spend limit: {0}', said)
          : l10n.t('The organization has reached its spend limit.');
    return { kind: 'billing', ...base, actions: [], message: sentences(reached, l10n.t('Retrying will not help until the limit is raised.')) };
  }
  if (status === 429 || apiType === 'rate_limit_error') {
    const wait = retryAfterMs(e.headers);
    const headline = l10n.t('Rate limited by the API (429).');
    const when = wait !== undefined ? l10n.t('The API asks to wait {0} s.', formatNumber(Math.ceil(wait / 1000))) : l10n.t('Try again shortly.');
    return { kind: 'rateLimit', ...base, retryAfterMs: wait, transient: true, actions: ['retry'], headline, message: sentences(headline, when, kept) };
  }
  if (status === 529 || apiType === 'overloaded_error') {
    const headline = status ? l10n.t('Claude is overloaded right now (529).') : l10n.t('Claude is overloaded right now.');
    return { kind: 'overloaded', ...base, transient: true, actions: ['retry'], headline, message: sentences(headline, kept, l10n.t('Retry in a moment.')) };
  }
  if (status === 400 || apiType === 'invalid_request_error') {
    const message = sentences(l10n.t('The API rejected the request (400): {0}', detail), ...samplingHint(detail), ...prefillHint(detail));
    return { kind: 'invalidRequest', ...base, actions: [], message };
  }
  if ((status !== undefined && status >= 500) || apiType === 'api_error' || apiType === 'timeout_error') {
    const what = detail || l10n.t('internal error');
    const headline = status ? l10n.t('The API failed ({0}): {1}.', status, what) : l10n.t('The API failed: {0}.', what);
    return { kind: 'server', ...base, transient: true, actions: ['retry'], headline, message: sentences(headline, kept) };
  }
  if (status === undefined && !apiType) {
    const what = ctx.partial ? l10n.t('The connection dropped mid-reply.') : l10n.t('Could not reach the API.');
    const cause = rootCause(e) ?? raw;
    const said = sentences(what, kept);
    const message = cause ? l10n.t({ message: '{0} ({1})', args: [said, cause], comment: ['A message, then the technical cause of the failure in parentheses'] }) : said;
    return { kind: 'connection', ...base, actions: ['retry'], headline: what, message };
  }
  const message = status ? l10n.t('The request failed ({0}): {1}', status, detail) : l10n.t('The request failed: {0}', detail);
  return { kind: 'unknown', ...base, actions: ['retry'], message };
}
