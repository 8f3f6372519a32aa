/** Writing the fake server's answers: request ids, JSON bodies, the API's error body and scripted steps. */
import type { ServerResponse } from 'node:http';
import type { Refusal } from './fileReferences';
import type { Step } from './sse';

let requestCounter = 0;

/** A fresh `request-id` for the next request; error bodies name the latest. */
export const nextRequestId = (): string => `req_fake_${++requestCounter}`;

/** Runs one scripted step; false when the script ended the response (dropped or closed) on purpose. */
export async function runStep(step: Step, res: ServerResponse): Promise<boolean> {
  switch (step.kind) {
    case 'event':
      res.write(`event: ${step.name}\ndata: ${JSON.stringify(step.data)}\n\n`);
      return true;
    case 'raw':
      res.write(step.text);
      return true;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, step.ms));
      return true;
    case 'wait':
      step.reached?.();
      await step.until;
      return true;
    case 'drop':
      res.socket?.destroy();
      return false;
    case 'end':
      res.end();
      return false;
  }
}

/**
 * `error.details` of the API's error body: a stable `error_code` naming the cause (what SDK 1.17
 * shows in its messages and as `errorCode`), sometimes with more fields.
 */
export interface ErrorDetails {
  readonly error_code: string;
  readonly [field: string]: unknown;
}

/** The API's error object: `details` only when the error has a code. */
export function errorObject(type: string, message: string, details?: ErrorDetails): unknown {
  return details ? { type, message, details } : { type, message };
}

/** The API's error body, with the latest request's id. */
export function errorBody(type: string, message: string, details?: ErrorDetails): unknown {
  return { type: 'error', error: errorObject(type, message, details), request_id: `req_fake_${requestCounter}` };
}

/**
 * Sends the head of `body` under a `content-length` for all of it, then drops the connection: a
 * response cut part-way through its body, which SDK 1.17 sends again for a request that is not a stream.
 */
export function sendJsonCut(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length), ...headers });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers a refusal (a file or a URL source the request may not use) with the API's error. */
export const refuse = (res: ServerResponse, refusal: Refusal): void => sendJson(res, refusal.status, errorBody(refusal.type, refusal.message));
