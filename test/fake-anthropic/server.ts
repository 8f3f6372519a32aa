/**
 * A real HTTP server on 127.0.0.1 that speaks the Messages API wire format: streamed and plain
 * `POST /v1/messages`, `POST /v1/messages/count_tokens`, `GET /v1/models` and the Files API
 * (`/v1/files`). Tests script each reply (see scripts.ts) and read back every request, including
 * whether the client hung up and its size. It enforces the model's context window, answers
 * `context_management` (clearing, compaction), can emulate the prompt cache's usage numbers, checks
 * image and document sources (files it holds, https URLs) and can play a gateway without the Files
 * API or URL sources. It also serves Claude on Google Vertex AI with Google's token endpoint
 * (vertexRoutes.ts) and Amazon Bedrock's InvokeModel routes (bedrockRoutes.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeBedrock, isBedrockRequest } from './bedrockRoutes';
import { planContext } from './contextPlan';
import { pausedReply, replyUsage, shapeReply } from './contextReply';
import { windowError } from './contextWindow';
import { fileRefusal, urlSourceRefusal, withFilesInline } from './fileReferences';
import { newFile, type StoredFile } from './files';
import { isFilesPath, serveFiles } from './filesRoutes';
import { DEFAULT_MODELS, modelsPage, withWindow, type FakeModel, type ModelsMode } from './models';
import { PromptCache, type EmulatedUsage, type UsageTotals } from './promptCache';
import { receive, type RecordedRequest } from './recording';
import { errorBody, nextRequestId, refuse, sendJson, sendJsonCut } from './respond';
import type { Reply } from './scripts';
import { sendReply } from './sendReply';
import type { Gate } from './sse';
import { validateMessagesRequest } from './validate';
import { betasOf } from './validateContext';
import { isVertexRoute, serveVertex, VertexFake } from './vertexRoutes';

export type { RecordedRequest } from './recording';
export { DEFAULT_MODELS, type FakeModel } from './models';
export { estimateTokens } from './contextWindow';
export type { EmulatedUsage, UsageTotals } from './promptCache';
export { errorBody } from './respond';
export { FILES_BETA, type StoredFile } from './files';
export { VERTEX_API_VERSION, type VertexFake } from './vertexRoutes';
export { BEDROCK_TEST_API_KEY, BEDROCK_TEST_CREDENTIALS, type BedrockCall } from './bedrockRoutes';

type Script = Reply | ((request: RecordedRequest) => Reply);

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  models: readonly FakeModel[] = DEFAULT_MODELS;
  /** `gateway` lists only ids and names, as gateways do. */
  modelsMode: ModelsMode = 'api';
  /** Models taken off the list: the API answers 404 for them. */
  readonly droppedModels = new Set<string>();
  /** How many of the next `GET /v1/models` answers are cut part-way through their body (the connection drops). */
  cutModelLists = 0;
  /** Answer plain JSON (not streams) as some gateways do: `{"code":200,"data":{...}}`. */
  wrapJson = false;
  /** Answer invalid message requests with the API's 400; turn off only to send something invalid on purpose. */
  validation = true;
  /** Every thinking signature handed out, so a signature cut short can be told from a whole one. */
  readonly issuedSignatures = new Set<string>();
  /** Every compaction block handed out: its encrypted content → its summary. */
  readonly issuedCompactions = new Map<string, string>();
  /** The context window for every model; unset, it is the requested model's `max_input_tokens` (none for an unknown model). */
  contextWindow?: number;
  /** Replace the input usage of each reply with what the prompt cache would report for its request (see promptCache.ts). */
  emulateUsage = false;
  /** The Files API's files by id: uploads add to it, deletions and `forgetFile` take from it. */
  readonly files = new Map<string, StoredFile>();
  /** False: no Files API, as behind a gateway that does not route it: `/v1/files…` answers a bare 404 page. */
  filesApi = true;
  /** True: the Files API and `file` sources need `anthropic-beta: files-api-2025-04-14`, as before the API went GA. */
  filesBetaRequired = false;
  /** False: a request with a URL image or document source gets a 400, as from a gateway that does not pass them on. */
  urlSources = true;
  /** Holds each upload (`POST /v1/files`) until the gate opens, as a slow upload would take its time. */
  uploadGate?: Gate;
  /** How many of the next uploads fail, with `failUploadsWith` (the API's 500 by default, or a 4xx refusal such as 400). */
  failUploads = 0;
  failUploadsWith = 500;
  /** Claude on Google Vertex AI at `<url>/v1` (the SDK's `baseURL`), with Google's token endpoint at `<url>/token`. */
  readonly vertex = new VertexFake();
  /** Amazon Bedrock's side: its region, credentials, throttling and the calls it received. */
  readonly bedrock = new FakeBedrock();
  private readonly cache = new PromptCache();
  private readonly queue: Script[] = [];
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Starts a server on 127.0.0.1 at a free port. */
  static async start(): Promise<FakeAnthropic> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeAnthropic(server, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** Scripts the next replies to `POST /v1/messages`, in order. */
  enqueue(...scripts: Script[]): void {
    this.queue.push(...scripts);
  }

  /** Requests to `POST /v1/messages` only (Bedrock's InvokeModel requests included, in the API's shape). */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
  }

  /** Uploads to the Files API (`POST /v1/files`), refused ones included. */
  get fileUploads(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
  }

  /** Deletions through the Files API (`DELETE /v1/files/:id`). */
  get fileDeletions(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'DELETE' && r.path.startsWith('/v1/files/'));
  }

  /** Body bytes of every request received since the last reset. */
  get bytesReceived(): number {
    return this.requests.reduce((sum, r) => sum + r.bytes, 0);
  }

  /** Puts a file in the store as an upload would (without a request); returns it. */
  storeFile(filename: string, mimeType: string, bytes: Buffer): StoredFile {
    const file = newFile(filename, mimeType, bytes);
    this.files.set(file.id, file);
    return file;
  }

  /** Drops a file as if it expired or was deleted elsewhere: later references to it get the API's 404. */
  forgetFile(id: string): boolean {
    return this.files.delete(id);
  }

  /** Resolves once `count` message requests have arrived; returns the last of them. */
  async waitForMessageRequests(count: number): Promise<RecordedRequest> {
    if (this.messageRequests.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.messageRequests[count - 1];
  }

  /** Running sums of the emulated usage (`emulateUsage`). */
  get usageTotals(): Readonly<UsageTotals> {
    return this.cache.totals;
  }

  /** The emulated usage of each reply, in order (`emulateUsage`). */
  get emulatedUsages(): readonly EmulatedUsage[] {
    return this.cache.usages;
  }

  /** The share of all emulated input tokens that was read from the cache (0 before any reply). */
  get cacheReadShare(): number {
    return this.cache.readShare;
  }

  /** Gives model `id` a context window of `tokens` (`max_input_tokens`, also in `GET /v1/models`). */
  setWindow(id: string, tokens: number): void {
    this.models = withWindow(this.models, id, tokens);
  }

  reset(): void {
    this.wrapJson = false;
    this.validation = true;
    this.issuedSignatures.clear();
    this.issuedCompactions.clear();
    this.contextWindow = undefined;
    this.emulateUsage = false;
    this.cache.clear();
    this.models = DEFAULT_MODELS;
    this.modelsMode = 'api';
    this.cutModelLists = 0;
    this.droppedModels.clear();
    this.files.clear();
    this.filesApi = true;
    this.filesBetaRequired = false;
    this.urlSources = true;
    this.uploadGate = undefined;
    this.failUploads = 0;
    this.failUploadsWith = 500;
    this.vertex.reset();
    this.bedrock.reset();
    this.queue.length = 0;
    this.requests.length = 0;
  }

  /** Takes a model off the list; requests for it then get the API's 404. */
  dropModel(id: string): void {
    this.models = this.models.filter((m) => m.id !== id);
    this.droppedModels.add(id);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const received = await receive(req, res);
    const { record, query } = received;
    const { path, json } = record;
    if (isBedrockRequest(record)) return this.bedrock.serve(received, res, { record: (r) => this.log(r), answer: (r, out) => this.answerMessages(r, out) });
    this.log(record);
    res.setHeader('request-id', nextRequestId());

    const failUpload = () => this.failUploads > 0 && this.failUploads-- > 0;
    if (isFilesPath(path)) return serveFiles(received, res, this.files, { enabled: this.filesApi, betaRequired: this.filesBetaRequired, uploadGate: this.uploadGate, failUpload, failWith: this.failUploadsWith });
    if (req.method === 'GET' && path === '/v1/models') return this.sendModels(res, query);
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      return sendJson(res, 200, { input_tokens: Math.max(1, planContext(withFilesInline(json, this.files)).tokens) }); // the count the window is checked against
    }
    if (req.method === 'POST' && path === '/v1/messages') return this.answerMessages(record, res);
    if (isVertexRoute(path)) return serveVertex(received, res, { vertex: this.vertex, droppedModels: this.droppedModels, answerMessages: (r) => this.answerMessages(r, res) });
    sendJson(res, 404, errorBody('not_found_error', `fake-anthropic: no route ${req.method} ${path}`));
  }

  private sendModels(res: ServerResponse, query: URLSearchParams): void {
    const page = modelsPage(this.models, this.modelsMode, query);
    const body = this.wrapJson ? { code: 200, data: page } : page;
    if (this.cutModelLists > 0) {
      this.cutModelLists--;
      return sendJsonCut(res, 200, body);
    }
    sendJson(res, 200, body);
  }

  private async answerMessages(record: RecordedRequest, res: ServerResponse): Promise<void> {
    const model = String(record.json?.model ?? '');
    const known = this.models.find((m) => m.id === model);
    const context = { betas: betasOf(record.headers['anthropic-beta']), model: known, compactions: this.issuedCompactions };
    // A gateway refuses before the API sees the request.
    const urlRefused = this.urlSources ? undefined : urlSourceRefusal(record.json?.messages);
    if (urlRefused) return refuse(res, urlRefused);
    const invalid = this.validation ? validateMessagesRequest(record.json, this.issuedSignatures, context) : undefined;
    // Checked before the queue is touched: a rejected request leaves the script for the next one.
    if (invalid) return sendJson(res, 400, errorBody('invalid_request_error', invalid));
    const fileRefused = this.validation ? fileRefusal(record.json.messages, { files: this.files, betas: context.betas, betaRequired: this.filesBetaRequired }) : undefined;
    if (fileRefused) return refuse(res, fileRefused);
    if (this.droppedModels.has(model)) return sendJson(res, 404, errorBody('not_found_error', `model: ${model}`));
    const plan = planContext(withFilesInline(record.json, this.files));
    const tooLong = windowError(plan.tokens, this.contextWindow ?? known?.max_input_tokens);
    if (tooLong) return sendJson(res, 400, errorBody('invalid_request_error', tooLong));
    // A pause answers with the compaction alone: the script is left for the request that goes on.
    if (plan.compaction?.pause) return this.send(pausedReply(plan, model), record, res);
    const script = this.queue.shift();
    if (!script) {
      return sendJson(res, 500, errorBody('api_error', 'fake-anthropic: no scripted reply for this request'), { 'x-should-retry': 'false' });
    }
    const reply = typeof script === 'function' ? script(record) : script;
    const shaped = reply.kind === 'stream' ? shapeReply(reply, { plan, model, usage: replyUsage(plan, model, this.emulateUsage ? this.cache : undefined) }) : reply;
    return this.send(shaped, record, res);
  }

  private send(reply: Reply, record: RecordedRequest, res: ServerResponse): Promise<void> {
    return sendReply(reply, record, res, { wrapJson: this.wrapJson, issued: { signatures: this.issuedSignatures, compactions: this.issuedCompactions } });
  }

  /** Adds a request to the log (Bedrock's routes add theirs in the API's shape) and wakes whoever waits for that many message requests. */
  private log(request: RecordedRequest): void {
    this.requests.push(request);
    const count = this.messageRequests.length;
    for (const waiter of [...this.waiters]) {
      if (count >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
