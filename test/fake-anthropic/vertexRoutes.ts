/**
 * Claude on Google Vertex AI, served by the same fake server:
 * `POST /v1/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:streamRawPredict`
 * (SSE, exactly as the Messages API streams) and `:rawPredict` (plain JSON),
 * `…/models/count-tokens:rawPredict`, and Google's token endpoint (`POST /token`, see googleTokens.ts).
 *
 * Google's front end answers first, in its own error envelope: credentials, the project, the region
 * and the model's form in the URL, the quota. Then the body is checked as Vertex checks it
 * (`anthropic_version` required and known, no `model`) and handed on as a Messages request with the
 * model from the URL, so scripted replies, context windows and every check of the API apply as they
 * are; those answers use the API's error shape, as Claude's own errors on Vertex do.
 */
import type { ServerResponse } from 'node:http';
import { planContext } from './contextPlan';
import { insufficientScopes, invalidCredentials, methodNotFound, missingCredentials, permissionDenied, publisherModelNotFound, quotaExceeded, sendGoogleError, type GoogleError } from './googleErrors';
import { GoogleCredentials } from './googleTokens';
import { fieldAt, isObj } from './json';
import type { ReceivedRequest, RecordedRequest } from './recording';
import { errorBody, sendJson } from './respond';
import { betasOf } from './validateContext';

/** The one `anthropic_version` Vertex documents for Claude. */
export const VERTEX_API_VERSION = 'vertex-2023-10-16';

const TOKEN_PATH = '/token';
const MODEL_PATH = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/publishers\/([^/]+)\/models\/([^/]+):(rawPredict|streamRawPredict)$/;
/** `claude-…` with an optional `@YYYYMMDD` version: `claude-sonnet-4-5@20250929`, `claude-sonnet-5-5`. */
const VERTEX_MODEL = /^claude-[a-z0-9]+(?:[.-][a-z0-9]+)*(?:@\d{8})?$/;
/** The Anthropic API's dated form (`claude-sonnet-4-5-20250929`), which Vertex does not know. */
const API_DATED_MODEL = /-\d{8}$/;

/** Whether `model` is a model id in Vertex's form. */
export function isVertexModelId(model: string): boolean {
  return VERTEX_MODEL.test(model) && !API_DATED_MODEL.test(model.split('@')[0]);
}

/** The Anthropic API's id for a Vertex model id: `claude-sonnet-4-5@20250929` → `claude-sonnet-4-5-20250929`. */
export const apiModelId = (vertexModel: string): string => vertexModel.replace('@', '-');

/** The Vertex side of the fake: which project and region it serves, its quota, its credentials and what it received. */
export class VertexFake {
  /** The project the fake serves; any other gets Vertex's 403. */
  projectId = 'test-project';
  /** The region the fake serves; any other (but `global`, while `globalEndpoint` holds) gets Vertex's 404. */
  region = 'us-east5';
  globalEndpoint = true;
  /** The `anthropic_version` values taken in a body; any other gets a 400. */
  apiVersions: ReadonlySet<string> = new Set([VERTEX_API_VERSION]);
  /** When set, the only `anthropic-beta` values taken; any other gets the 400 Vertex gives for a beta it lacks. */
  betas?: ReadonlySet<string>;
  /** Body fields Vertex does not take yet, as dotted paths (`output_config.effort`): 400 "…: Extra inputs are not permitted". */
  readonly refusedFields = new Set<string>();
  /** How many of the next predict requests answer 429 `RESOURCE_EXHAUSTED`, before their body is read. */
  throttle = 0;
  /** Every request to a predict route (`:rawPredict`, `:streamRawPredict`), as sent, refused ones included. */
  readonly requests: RecordedRequest[] = [];
  /** Every request to the token endpoint. */
  readonly tokenRequests: RecordedRequest[] = [];
  /** Service accounts, people's refresh tokens and access tokens it trusts (see googleTokens.ts). */
  readonly credentials = new GoogleCredentials();

  /** Predict requests for Claude's replies (`count-tokens` left out). */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.includes('/models/count-tokens:'));
  }

  reset(): void {
    this.projectId = 'test-project';
    this.region = 'us-east5';
    this.globalEndpoint = true;
    this.apiVersions = new Set([VERTEX_API_VERSION]);
    this.betas = undefined;
    this.refusedFields.clear();
    this.throttle = 0;
    this.requests.length = 0;
    this.tokenRequests.length = 0;
    this.credentials.reset();
  }
}

/** What the Vertex routes need of the server. */
export interface VertexServer {
  readonly vertex: VertexFake;
  /** Models taken off the list: Vertex answers them as models it does not have. */
  readonly droppedModels: ReadonlySet<string>;
  /** Answers a Messages request (a copy of the Vertex request in the API's shape). */
  answerMessages(request: RecordedRequest): Promise<void>;
}

/** Whether `path` (as routed: any prefix before `/v1/` removed) is one of Vertex's or the token endpoint. */
export const isVertexRoute = (path: string): boolean => path === TOKEN_PATH || MODEL_PATH.test(path);

/** Answers a request on a route `isVertexRoute` took. */
export async function serveVertex({ record }: ReceivedRequest, res: ServerResponse, server: VertexServer): Promise<void> {
  const { vertex } = server;
  if (record.path === TOKEN_PATH) {
    vertex.tokenRequests.push(record);
    const answer = vertex.credentials.exchange(new URLSearchParams(record.body), `http://${record.headers.host}${TOKEN_PATH}`);
    return sendJson(res, answer.status, answer.body, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
  }
  vertex.requests.push(record);
  const [, project, location, publisher, model, method] = (MODEL_PATH.exec(record.path) ?? []).map(decodeSegment);
  const streaming = method === 'streamRawPredict';
  const refused = frontEndRefusal(record, server, { project, location, publisher, model });
  if (refused) return sendGoogleError(res, refused, streaming);
  const betaRefused = vertex.betas ? betasOf(record.headers['anthropic-beta']).filter((beta) => !vertex.betas?.has(beta)) : [];
  if (betaRefused.length) return sendJson(res, 400, errorBody('invalid_request_error', unexpectedBetas(betaRefused)));
  if (model === 'count-tokens') return countTokens(record, res, server, `projects/${project}/locations/${location}/publishers/${publisher}/models`);
  const invalid = bodyError(record.json, vertex.apiVersions, vertex.refusedFields);
  if (invalid) return sendJson(res, 400, errorBody('invalid_request_error', invalid));
  return server.answerMessages(asMessagesRequest(record, apiModelId(model)));
}

interface ModelPath {
  readonly project: string;
  readonly location: string;
  readonly publisher: string;
  readonly model: string;
}

/** What Google's front end refuses, in its order: credentials, the project, the model at that place, the quota. */
function frontEndRefusal(record: RecordedRequest, { vertex, droppedModels }: VertexServer, path: ModelPath): GoogleError | undefined {
  if (record.method !== 'POST') return methodNotFound;
  const token = /^Bearer\s+(\S+)$/i.exec(record.headers.authorization ?? '')?.[1];
  if (!token) return missingCredentials;
  switch (vertex.credentials.check(token)) {
    case 'invalid':
      return invalidCredentials('ACCESS_TOKEN_TYPE_UNSUPPORTED');
    case 'expired':
      return invalidCredentials('ACCESS_TOKEN_EXPIRED');
    case 'scope':
      return insufficientScopes;
  }
  const resource = `projects/${path.project}/locations/${path.location}/publishers/${path.publisher}/models/${path.model}`;
  if (path.project !== vertex.projectId) return permissionDenied(resource);
  const served = path.location === vertex.region || (vertex.globalEndpoint && path.location === 'global');
  const counting = path.model === 'count-tokens';
  const known = counting || (isVertexModelId(path.model) && !droppedModels.has(apiModelId(path.model)));
  if (!served || path.publisher !== 'anthropic' || !known) return publisherModelNotFound(resource);
  if (vertex.throttle > 0) {
    vertex.throttle--;
    return quotaExceeded(counting && typeof record.json?.model === 'string' ? record.json.model : path.model);
  }
  return undefined;
}

/** Vertex's own rules for the body of a predict request; the rest is the Messages API's. */
function bodyError(body: unknown, versions: ReadonlySet<string>, refusedFields: ReadonlySet<string>): string | undefined {
  if (!isObj(body)) return undefined; // the Messages API's checks say what is wrong with it
  const version = body.anthropic_version;
  if (version === undefined) return 'anthropic_version: Field required';
  if (typeof version !== 'string' || !versions.has(version)) return `anthropic_version: Input should be ${[...versions].map((v) => `'${v}'`).join(' or ')}`;
  const extra = ['model', ...refusedFields].find((field) => fieldAt(body, field) !== undefined);
  return extra && `${extra}: Extra inputs are not permitted`;
}

/** The Vertex request as the Messages API would have received it: the URL's model in the body, no `anthropic_version`. */
function asMessagesRequest(record: RecordedRequest, model: string): RecordedRequest {
  const { anthropic_version: _version, ...rest } = isObj(record.json) ? record.json : {};
  const json = isObj(record.json) ? { model, ...rest } : record.json;
  // `aborted` is read through to the request as received, which the connection's close updates.
  return Object.create(record, { json: { value: json, enumerable: true } }) as RecordedRequest;
}

/** `count-tokens:rawPredict`: the body names its model (in Vertex's form); the answer is the count the window is checked against. */
function countTokens(record: RecordedRequest, res: ServerResponse, server: VertexServer, models: string): void {
  const model = record.json?.model;
  if (typeof model !== 'string') return sendJson(res, 400, errorBody('invalid_request_error', 'model: Field required'));
  if (!isVertexModelId(model) || server.droppedModels.has(apiModelId(model))) return sendGoogleError(res, publisherModelNotFound(`${models}/${model}`), false);
  sendJson(res, 200, { input_tokens: Math.max(1, planContext(record.json).tokens) });
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%`: Google would not find such a resource either
  }
}

const unexpectedBetas = (betas: readonly string[]): string =>
  `Unexpected value(s) ${betas.map((b) => `\`${b}\``).join(', ')} for the \`anthropic-beta\` header. Please consult our documentation at docs.anthropic.com or try again without the header.`;
