/**
 * Amazon Bedrock's InvokeModel routes on the fake server: `POST /model/{modelId}/invoke` and
 * `/invoke-with-response-stream`. A request is checked as Bedrock checks it (signature or API key,
 * the model identifier's form, `anthropic_version` in the body and no `model` or `stream`), then
 * answered by the fake's messages answering in the API's shape (the model from the path), so
 * scripts, context windows and every check of the API apply; the reply reaches the client in
 * Bedrock's form (bedrockReply.ts). The control plane's `GET /inference-profiles` lists the
 * account's inference profiles (bedrockProfiles.ts). A SigV4-signed request for anything else (the
 * API's model list, the Files API) gets 404 UnknownOperationException: Bedrock serves neither.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { authenticate, type BedrockAuth } from './bedrockAuth';
import { INVALID_MODEL_MESSAGE, sendAwsError, THROTTLING_MESSAGE, validationError } from './bedrockErrors';
import { parseBedrockModelId } from './bedrockModels';
import { defaultProfiles, isProfilesRoute, MAX_PROFILE_RESULTS, serveProfiles, type FakeInferenceProfile } from './bedrockProfiles';
import { bedrockResponse } from './bedrockReply';
import { fieldAt, isObj } from './json';
import type { ReceivedRequest, RecordedRequest } from './recording';
import { SIGV4_ALGORITHM } from './sigv4';

export type { BedrockAuth } from './bedrockAuth';

/** The access key the fake knows from the start (any SigV4 request must be signed with a key it knows). */
export const BEDROCK_TEST_CREDENTIALS = { accessKeyId: 'AKIAFAKEBEDROCK00001', secretAccessKey: 'fake/Bedrock+Secret+Access+Key/00000000' } as const;
/** The Bedrock API key the fake knows from the start. */
export const BEDROCK_TEST_API_KEY = 'ABSKZmFrZS1iZWRyb2NrLWFwaS1rZXk=';
/** `anthropic_version` values taken: Bedrock's own, the one it documents (the Bedrock SDK copies its `anthropic-version` header into the body). */
export const BEDROCK_ANTHROPIC_VERSIONS: readonly string[] = ['bedrock-2023-05-31'];

/** One request to an InvokeModel route, as Bedrock saw it. */
export interface BedrockCall {
  readonly operation: 'InvokeModel' | 'InvokeModelWithResponseStream';
  /** The model identifier from the path, decoded (an ARN's `/` included). */
  readonly modelId: string;
  /** The body as sent: `anthropic_version`, no `model`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
  /** How it authenticated; undefined when it was refused for that. */
  readonly auth?: BedrockAuth;
  /** The same request in the API's shape, as `fake.requests` and `fake.messageRequests` hold it. */
  readonly request: RecordedRequest;
}

/** One ListInferenceProfiles request, as sent. */
export interface ProfileListingCall {
  readonly fullPath: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
}

/** What the fake server lends the Bedrock routes: its request log and its messages answering. */
export interface MessagesAnswering {
  record(request: RecordedRequest): void;
  answer(request: RecordedRequest, res: ServerResponse): Promise<void>;
}

const ROUTE = /\/model\/([^/]+)\/(invoke|invoke-with-response-stream)$/;

const invokeRoute = (record: RecordedRequest) => (record.method === 'POST' ? ROUTE.exec(record.path) : null);

/**
 * True for a request Bedrock gets: one to an InvokeModel route (after any base-URL prefix), or any
 * request signed with SigV4, which only AWS takes (a Bedrock client asking for the model list or
 * the Files API reaches Bedrock, not the API).
 */
export const isBedrockRequest = (record: RecordedRequest): boolean =>
  Boolean(invokeRoute(record)) || isProfilesRoute(record.method, record.fullPath) || (record.headers.authorization ?? '').startsWith(`${SIGV4_ALGORITHM} `);

/** Bedrock's settings on the fake (`fake.bedrock`) and the calls it received. */
export class FakeBedrock {
  /** The endpoint's region: a signature must be scoped to it, and a model ARN must name it. */
  region = 'us-east-1';
  /** Access key id → secret access key: a request signed by another key is refused, and every signature is verified. */
  readonly credentials = new Map<string, string>();
  /** Bedrock API keys (`Authorization: Bearer …`) taken. */
  readonly apiKeys = new Set<string>();
  /** Session tokens (`x-amz-security-token`) and API keys that have expired. */
  readonly expiredTokens = new Set<string>();
  /** Model identifiers (as in the path) the account may not invoke: 403 AccessDeniedException. */
  readonly deniedModels = new Set<string>();
  /** Body fields Bedrock does not take yet, as dotted paths (`output_config.effort`): 400 "…: Extra inputs are not permitted". */
  readonly refusedFields = new Set<string>();
  /** `anthropic_version` values taken (BEDROCK_ANTHROPIC_VERSIONS at first); another gets 400 "Invalid API version: …". */
  readonly anthropicVersions = new Set<string>();
  /** How many of the next valid requests get 429 ThrottlingException (before the script is touched). */
  throttle = 0;
  readonly calls: BedrockCall[] = [];
  /** What ListInferenceProfiles lists (defaultProfiles() at first); set it to change the account's models. */
  profiles: FakeInferenceProfile[] = [];
  /** The most profiles one ListInferenceProfiles page holds (AWS's 1000 at first). */
  profilePageSize = MAX_PROFILE_RESULTS;
  /** The caller may not list inference profiles: 403 AccessDeniedException. */
  listingDenied = false;
  /** ListInferenceProfiles requests received, refused ones included. */
  readonly profileListings: ProfileListingCall[] = [];

  constructor() {
    this.reset();
  }

  /** Back to the start: us-east-1, the test key and API key, nothing expired, denied, refused or throttled, the default profiles, no calls. */
  reset(): void {
    this.region = 'us-east-1';
    this.credentials.clear();
    this.credentials.set(BEDROCK_TEST_CREDENTIALS.accessKeyId, BEDROCK_TEST_CREDENTIALS.secretAccessKey);
    this.apiKeys.clear();
    this.apiKeys.add(BEDROCK_TEST_API_KEY);
    this.expiredTokens.clear();
    this.deniedModels.clear();
    this.refusedFields.clear();
    this.anthropicVersions.clear();
    BEDROCK_ANTHROPIC_VERSIONS.forEach((version) => this.anthropicVersions.add(version));
    this.throttle = 0;
    this.calls.length = 0;
    this.profiles = defaultProfiles();
    this.profilePageSize = MAX_PROFILE_RESULTS;
    this.listingDenied = false;
    this.profileListings.length = 0;
  }

  /**
   * Answers a request to an InvokeModel route: logs it in the API's shape, checks it as Bedrock
   * does, then lets `messages` answer it. Any other request (signed, for an operation Bedrock does
   * not have) is logged as sent and gets 404.
   */
  async serve(received: ReceivedRequest, res: ServerResponse, messages: MessagesAnswering): Promise<void> {
    const { record, raw, query } = received;
    res.setHeader('x-amzn-requestid', randomUUID());
    if (isProfilesRoute(record.method, record.fullPath)) {
      messages.record(record);
      this.profileListings.push({ fullPath: record.fullPath, headers: record.headers, query });
      return serveProfiles(received, res, this);
    }
    const route = invokeRoute(record);
    if (!route) {
      messages.record(record);
      return sendAwsError(res, { status: 404, type: 'UnknownOperationException', message: 'Unknown operation' });
    }
    const [, encodedId, action] = route;
    const modelId = decoded(encodedId);
    // Bedrock has the models of the account's listed profiles too (one the fake's table lacks included).
    const listed = new Set(this.profiles.map((p) => p.inferenceProfileId.slice(p.inferenceProfileId.indexOf('.') + 1)));
    const parsedId = parseBedrockModelId(modelId, listed);
    const streamed = action === 'invoke-with-response-stream';
    const request = apiShaped(record, parsedId?.apiModel ?? modelId, streamed);
    messages.record(request);

    const auth = authenticate({ method: record.method, rawPath: record.fullPath, query, headers: record.headers, body: raw }, this);
    this.calls.push({ operation: streamed ? 'InvokeModelWithResponseStream' : 'InvokeModel', modelId, body: record.json, auth: 'kind' in auth ? auth : undefined, request });
    if (!('kind' in auth)) return sendAwsError(res, auth);
    if (!parsedId || (parsedId.region && parsedId.region !== this.region)) return sendAwsError(res, validationError(INVALID_MODEL_MESSAGE));
    if (this.deniedModels.has(modelId)) {
      return sendAwsError(res, { status: 403, type: 'AccessDeniedException', message: "You don't have access to the model with the specified model ID." });
    }
    const invalid = this.bodyError(record.json);
    if (invalid) return sendAwsError(res, validationError(invalid));
    if (this.throttle > 0) {
      this.throttle--;
      return sendAwsError(res, { status: 429, type: 'ThrottlingException', message: THROTTLING_MESSAGE });
    }
    return messages.answer(request, bedrockResponse(res));
  }

  /** Bedrock's own checks of the body, before the model sees it. */
  private bodyError(body: unknown): string | undefined {
    if (!isObj(body)) return 'Malformed input request, please reformat your input and try again.';
    const version = body.anthropic_version;
    if (version === undefined) return 'anthropic_version: Field required';
    if (typeof version !== 'string' || !this.anthropicVersions.has(version)) return `Invalid API version: ${String(version)}`;
    const extra = ['model', 'stream', ...this.refusedFields].find((field) => fieldAt(body, field) !== undefined);
    return extra && `${extra}: Extra inputs are not permitted`;
  }
}

/** A path segment decoded; one that is not valid percent-encoding stays as sent (and is no valid model id). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}


/**
 * The Bedrock request as the API request it carries: `model` from the path, `stream` from the
 * route, `anthropic_beta` back in the `anthropic-beta` header, `anthropic_version` gone; routed as
 * `/v1/messages` (`fullPath` keeps the path as sent, `body` the body as sent). It is aborted when
 * the request is.
 */
function apiShaped(record: RecordedRequest, model: string, streamed: boolean): RecordedRequest {
  const body = isObj(record.json) ? record.json : undefined;
  const { anthropic_version: _version, anthropic_beta: betas, ...rest } = body ?? {};
  const json = body ? { ...rest, model, ...(streamed ? { stream: true } : {}) } : record.json;
  const headers = Array.isArray(betas) ? { ...record.headers, 'anthropic-beta': betas.join(',') } : record.headers;
  const shaped = { ...record, path: '/v1/messages', json, headers };
  return Object.defineProperty(shaped, 'aborted', { get: () => record.aborted, enumerable: true });
}
