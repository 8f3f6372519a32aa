/**
 * One streamed request: events in, per-block updates out, the final stop reason. Rate limits and
 * overloads are retried here, visibly, by sending the same request again: a request only carries
 * the history, and tools run only after a request has completed (`message_stop`), so a retry never
 * repeats a tool's side effect.
 */
import * as l10n from '@vscode/l10n';
import { classifyError, endedEarlyError, type ClassifiedError } from '../api/errors';
import { RetryPolicy, sleep as realSleep, type Sleep } from '../api/retry';
import type { CreateMessageRequest, StreamEvent } from '../api/wire';
import { formatNumber } from '../l10n/format';
import { TurnAccumulator, type TurnUpdate } from './turnAccumulator';

/**
 * What the engine needs from an API client: a streamed reply that stops when `signal` aborts, and
 * throws whatever made it fail (an iteration that just ends is read as the server closing it).
 */
export interface ChatBackend {
  stream(request: CreateMessageRequest, signal: AbortSignal): AsyncIterable<StreamEvent>;
  /** The base URL requests go to (uploads are valid there only); unset, every attachment goes as data. */
  readonly endpoint?: string;
  /** The endpoint's Files API, when it may have one. */
  readonly files?: FileUploads;
  /** False for an endpoint known not to fetch image addresses (a cloud): web images go as bytes. */
  readonly urlSources?: boolean;
}

/** Uploads through the Files API (beta `files-api-2025-04-14`). */
export interface FileUploads {
  /** The upload's id; throws NoFilesApi when the endpoint has no Files API. */
  upload(file: { readonly name: string; readonly mediaType: string; readonly data: string }, signal: AbortSignal): Promise<string>;
  /** Deletes an upload; never throws (best effort). */
  delete(fileId: string): Promise<void>;
}

export interface StreamHooks {
  /** A request attempt starts filling this accumulator. */
  begin(accumulator: TurnAccumulator): void;
  /** A visible change (a text or thinking delta). */
  update(update: TurnUpdate): void;
  /** A transient note (a retry countdown); empty text clears it. */
  status(text: string): void;
  /** An automatic retry starts this request's output over. */
  reset(): void;
  /** Called now and then while events arrive (periodic saves). */
  progress(): void;
}

export type StreamResult =
  | { readonly kind: 'complete'; readonly accumulator: TurnAccumulator }
  | { readonly kind: 'stopped'; readonly accumulator: TurnAccumulator }
  | { readonly kind: 'failed'; readonly accumulator: TurnAccumulator; readonly error: ClassifiedError };

export interface StreamOptions {
  readonly policy?: RetryPolicy;
  readonly sleep?: Sleep;
}

/** Streams one request to completion, retrying transient failures with the wait shown. */
export async function streamRequest(backend: ChatBackend, request: CreateMessageRequest, signal: AbortSignal, hooks: StreamHooks, options: StreamOptions = {}): Promise<StreamResult> {
  const policy = options.policy ?? new RetryPolicy();
  for (let attempt = 1; ; attempt++) {
    const accumulator = new TurnAccumulator();
    hooks.begin(accumulator);
    const error = await attemptOnce(backend, request, signal, accumulator, hooks);
    if (!error) return { kind: 'complete', accumulator };
    if (error.kind === 'aborted') return { kind: 'stopped', accumulator };
    const wait = policy.delayFor(error, attempt, accumulator.hasText);
    if (wait === undefined) return { kind: 'failed', accumulator, error };
    const seconds = Math.max(1, Math.round(wait / 1000));
    hooks.status(l10n.t('{0} Retrying in {1} s (attempt {2} of {3})…', error.headline ?? error.message, formatNumber(seconds), formatNumber(attempt + 1), formatNumber(policy.maxAttempts)));
    await (options.sleep ?? realSleep)(wait, signal);
    if (signal.aborted) return { kind: 'stopped', accumulator };
    hooks.status('');
    hooks.reset();
  }
}

async function attemptOnce(backend: ChatBackend, request: CreateMessageRequest, signal: AbortSignal, accumulator: TurnAccumulator, hooks: StreamHooks): Promise<ClassifiedError | undefined> {
  let lastProgress = Date.now();
  try {
    for await (const event of backend.stream(request, signal)) {
      const update = accumulator.apply(event);
      if (update) hooks.update(update);
      if (Date.now() - lastProgress > 2000) {
        lastProgress = Date.now();
        hooks.progress();
      }
    }
    if (signal.aborted) throw new Error('aborted');
    // Only `message_stop` says the reply is whole: a clean close before it is a cut, not an end.
    return accumulator.complete ? undefined : endedEarlyError(accumulator.hasText);
  } catch (err) {
    return classifyError(err, { aborted: signal.aborted, model: request.model, partial: accumulator.hasText });
  }
}

/** True for the 400 the API gives when a thinking block's signature is missing or invalid (read in the API's own words, never the translated message). */
export function isThinkingSignatureError(error: ClassifiedError): boolean {
  const said = error.detail ?? '';
  return error.kind === 'invalidRequest' && /signature/i.test(said) && /thinking/i.test(said);
}

/** True for the 400 the API gives when the request is larger than the model's context window. */
export function isPromptTooLong(error: ClassifiedError): boolean {
  return error.kind === 'invalidRequest' && /prompt is too long/i.test(error.detail ?? '');
}
