/**
 * A real HTTP server on 127.0.0.1 that speaks the Messages API wire format: streamed and plain
 * `POST /v1/messages`, `POST /v1/messages/count_tokens` and `GET /v1/models`. Tests script each
 * reply (see scripts.ts) and read back every request, including whether the client hung up.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MODELS, modelsPage, type FakeModel, type ModelsMode } from './models';
import { assembleMessage, type Reply, type Step } from './scripts';
import { signatureOf } from './sse';
import { validateMessagesRequest } from './validate';

export interface RecordedRequest {
  readonly method: string;
  /** The path routed on: any prefix before `/v1/` removed. */
  readonly path: string;
  /** The path as sent, prefix included. */
  readonly fullPath: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly json: any;
  /** True when the client closed the connection before the reply was complete. */
  aborted: boolean;
  /** Resolves when the connection for this request has closed (either way). */
  readonly closed: Promise<void>;
}

export { DEFAULT_MODELS, type FakeModel } from './models';

type Script = Reply | ((request: RecordedRequest) => Reply);

let requestCounter = 0;

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  models: readonly FakeModel[] = DEFAULT_MODELS;
  /** `gateway` lists only ids and names, as gateways do. */
  modelsMode: ModelsMode = 'api';
  /** Models taken off the list: the API answers 404 for them. */
  readonly droppedModels = new Set<string>();
  /** Answer plain JSON (not streams) as some gateways do: `{"code":200,"data":{...}}`. */
  wrapJson = false;
  /** Answer invalid message requests with the API's 400; turn off only to send something invalid on purpose. */
  validation = true;
  /** Every thinking signature handed out, so a signature cut short can be told from a whole one. */
  readonly issuedSignatures = new Set<string>();
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

  /** Requests to `POST /v1/messages` only. */
  get messageRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
  }

  /** Resolves once `count` message requests have arrived; returns the last of them. */
  async waitForMessageRequests(count: number): Promise<RecordedRequest> {
    if (this.messageRequests.length < count) {
      await new Promise<void>((resolve) => this.waiters.push({ count, resolve }));
    }
    return this.messageRequests[count - 1];
  }

  reset(): void {
    this.wrapJson = false;
    this.validation = true;
    this.issuedSignatures.clear();
    this.models = DEFAULT_MODELS;
    this.modelsMode = 'api';
    this.droppedModels.clear();
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
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const fullPath = url.pathname; // route on the path only
    // A gateway's base URL may carry a prefix (`/gw`): route on what follows it, record both.
    const path = fullPath.replace(/^.*?(?=\/v1\/)/, '');
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      json = undefined;
    }
    let markClosed!: () => void;
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      fullPath,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
      body,
      json,
      aborted: false,
      closed: new Promise<void>((resolve) => (markClosed = resolve)),
    };
    res.on('close', () => {
      if (!res.writableFinished) record.aborted = true;
      markClosed();
    });
    this.requests.push(record);
    this.notify();
    res.setHeader('request-id', `req_fake_${++requestCounter}`);

    if (req.method === 'GET' && path === '/v1/models') return this.sendModels(res, url.searchParams);
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      return sendJson(res, 200, { input_tokens: Math.max(1, Math.ceil(body.length / 4)) });
    }
    if (req.method === 'POST' && path === '/v1/messages') {
      const invalid = this.validation ? validateMessagesRequest(json, this.issuedSignatures) : undefined;
      // Checked before the queue is touched: a rejected request leaves the script for the next one.
      if (invalid) return sendJson(res, 400, errorBody('invalid_request_error', invalid));
      const model = String(record.json?.model ?? '');
      if (this.droppedModels.has(model)) return sendJson(res, 404, errorBody('not_found_error', `model: ${model}`));
      const script = this.queue.shift();
      if (!script) {
        return sendJson(res, 500, errorBody('api_error', 'fake-anthropic: no scripted reply for this request'), { 'x-should-retry': 'false' });
      }
      const reply = typeof script === 'function' ? script(record) : script;
      return this.sendReply(reply, record, res);
    }
    sendJson(res, 404, errorBody('not_found_error', `fake-anthropic: no route ${req.method} ${path}`));
  }

  private sendModels(res: ServerResponse, query: URLSearchParams): void {
    const page = modelsPage(this.models, this.modelsMode, query);
    sendJson(res, 200, this.wrapJson ? { code: 200, data: page } : page);
  }

  private async sendReply(reply: Reply, record: RecordedRequest, res: ServerResponse): Promise<void> {
    if (reply.kind === 'http') return sendJson(res, reply.status, reply.body, reply.headers);
    if (reply.kind === 'raw') {
      res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
      return void res.end(reply.text);
    }
    if (!record.json?.stream) {
      const message = assembleMessage(reply.steps);
      reply.steps.forEach((step) => this.issue(signatureOf(step)));
      return sendJson(res, 200, this.wrapJson ? { code: 200, data: message } : message, reply.headers);
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...reply.headers });
    res.flushHeaders();
    for (const step of reply.steps) {
      if (record.aborted) return;
      if (!(await runStep(step, res))) return;
      this.issue(signatureOf(step));
    }
    res.end();
  }

  private issue(signature: string | undefined): void {
    if (signature) this.issuedSignatures.add(signature);
  }

  private notify(): void {
    const count = this.messageRequests.length;
    for (const waiter of [...this.waiters]) {
      if (count >= waiter.count) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

/** Runs one scripted step; false when the script ended the response (dropped or closed) on purpose. */
async function runStep(step: Step, res: ServerResponse): Promise<boolean> {
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

export function errorBody(type: string, message: string): unknown {
  return { type: 'error', error: { type, message }, request_id: `req_fake_${requestCounter}` };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
