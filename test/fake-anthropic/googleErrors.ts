/**
 * The answers Google's front end gives before a Vertex AI request reaches Claude, in Google's JSON
 * error envelope `{"error":{"code","message","status"}}` (wrapped in a list on the streaming method,
 * as `:streamRawPredict` sends them), with the wording the real service uses.
 */
import type { ServerResponse } from 'node:http';
import { sendJson } from './respond';

export interface GoogleError {
  readonly code: number;
  readonly status: string;
  readonly message: string;
  /** `google.rpc.ErrorInfo.reason`, for the errors about credentials. */
  readonly reason?: string;
}

const SEE_CREDENTIALS = 'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

export const missingCredentials: GoogleError = {
  code: 401,
  status: 'UNAUTHENTICATED',
  message: `Request is missing required authentication credential. ${SEE_CREDENTIALS}`,
  reason: 'CREDENTIALS_MISSING',
};

export const invalidCredentials = (reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED' | 'ACCESS_TOKEN_EXPIRED'): GoogleError => ({
  code: 401,
  status: 'UNAUTHENTICATED',
  message: `Request had invalid authentication credentials. ${SEE_CREDENTIALS}`,
  reason,
});

export const insufficientScopes: GoogleError = {
  code: 403,
  status: 'PERMISSION_DENIED',
  message: 'Request had insufficient authentication scopes.',
  reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
};

/** A project the caller may not use (or that does not exist): IAM says so without telling which. */
export const permissionDenied = (resource: string): GoogleError => ({
  code: 403,
  status: 'PERMISSION_DENIED',
  message: `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/${resource}' (or it may not exist).`,
});

/** A model id Vertex does not serve here: another form (the API's dated id, a Bedrock id, `@latest`), another region, another publisher. */
export const publisherModelNotFound = (resource: string): GoogleError => ({
  code: 404,
  status: 'NOT_FOUND',
  message: `Publisher Model \`${resource}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
});

/** The per-model request quota, named after the base model (`anthropic-claude-sonnet-4-5` for `claude-sonnet-4-5@20250929`). */
export const quotaExceeded = (model: string): GoogleError => ({
  code: 429,
  status: 'RESOURCE_EXHAUSTED',
  message: `Quota exceeded for aiplatform.googleapis.com/online_prediction_requests_per_base_model with base model: anthropic-${model.split('@')[0]}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`,
});

export const methodNotFound: GoogleError = { code: 404, status: 'NOT_FOUND', message: 'Method not found.' };

/** Google's error body; `method` (`RawPredict`, `StreamRawPredict`) names the RPC in an ErrorInfo. */
export function googleErrorBody(error: GoogleError, method: string): { error: unknown } {
  const details = error.reason
    ? [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: error.reason, domain: 'googleapis.com', metadata: { service: 'aiplatform.googleapis.com', method: `google.cloud.aiplatform.v1.PredictionService.${method}` } }]
    : undefined;
  return { error: { code: error.code, message: error.message, status: error.status, ...(details ? { details } : {}) } };
}

/** Sends `error`; the streaming method sends the body as a one-item list. */
export function sendGoogleError(res: ServerResponse, error: GoogleError, streaming: boolean): void {
  const body = googleErrorBody(error, streaming ? 'StreamRawPredict' : 'RawPredict');
  sendJson(res, error.code, streaming ? [body] : body, { 'content-type': 'application/json; charset=UTF-8' });
}
