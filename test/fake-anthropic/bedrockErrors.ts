/**
 * Bedrock's error answers: the HTTP status, `x-amzn-errortype` naming the exception and a JSON body
 * with its message, and the API's error bodies (scripted, or from the fake's own checks) told the
 * way Bedrock tells them.
 */
import type { ServerResponse } from 'node:http';

export interface AwsError {
  readonly status: number;
  /** The exception, e.g. `ValidationException`. */
  readonly type: string;
  readonly message: string;
  /** Errors of AWS's request front end (authentication) come from another namespace and spell the field `Message`. */
  readonly frontEnd?: boolean;
}

const BEDROCK_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.bedrock/';
const SERVICE_NAMESPACE = 'http://internal.amazon.com/coral/com.amazon.coral.service/';

export const THROTTLING_MESSAGE = 'Too many requests, please wait before trying again.';
export const INVALID_MODEL_MESSAGE = 'The provided model identifier is invalid.';

export const validationError = (message: string): AwsError => ({ status: 400, type: 'ValidationException', message });

/** Sends `error` as Bedrock does, keeping any extra headers (a scripted `retry-after`, say). */
export function sendAwsError(res: ServerResponse, error: AwsError, headers: Record<string, string> = {}): void {
  const namespace = error.frontEnd ? SERVICE_NAMESPACE : BEDROCK_NAMESPACE;
  const body = error.frontEnd ? { Message: error.message } : { message: error.message };
  res.writeHead(error.status, { ...headers, 'content-type': 'application/json', 'x-amzn-errortype': `${error.type}:${namespace}` });
  res.end(JSON.stringify(body));
}

/** The exception Bedrock answers for each status of the API's errors. */
const EXCEPTIONS: Readonly<Record<number, readonly [number, string]>> = {
  400: [400, 'ValidationException'],
  401: [403, 'AccessDeniedException'],
  403: [403, 'AccessDeniedException'],
  404: [404, 'ResourceNotFoundException'],
  408: [408, 'ModelTimeoutException'],
  413: [400, 'ValidationException'],
  429: [429, 'ThrottlingException'],
  500: [500, 'InternalServerException'],
  503: [503, 'ServiceUnavailableException'],
  529: [503, 'ServiceUnavailableException'],
};

/** The API's error (status and body `{type:'error', error:{type, message}}`) as Bedrock answers it: the same message under its exception. */
export function awsErrorOf(status: number, apiBody: string): AwsError {
  const [awsStatus, type] = EXCEPTIONS[status] ?? (status >= 500 ? [status, 'InternalServerException'] : [status, 'ValidationException']);
  let message = apiBody;
  try {
    const parsed = JSON.parse(apiBody) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === 'string') message = parsed.error.message;
  } catch {
    // not JSON: the body itself is the message
  }
  return { status: awsStatus, type, message };
}
