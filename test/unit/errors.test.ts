import * as assert from 'node:assert/strict';
import { classifyError } from '../../src/core/api/errors';
import { rewriteBody } from '../../src/core/api/gateway';

const ctx = { aborted: false, model: 'claude-x', partial: false };
const apiError = (status: number | undefined, type: string, message = 'msg', headers: Record<string, string> = {}) => ({
  status,
  error: { type: 'error', error: { type, message } },
  headers: new Headers(headers),
  message: `${status ?? ''} ${message}`,
});

/** The error the SDK throws for a body our fetch rewrote (the real SDK path is in gateway.test.ts). */
const gatewayError = (httpStatus: number, contentType: string, text: string) => {
  const out = rewriteBody(httpStatus, contentType, text);
  const error = JSON.parse(out.text);
  return { status: out.status, error, headers: new Headers(), message: `${out.status} ${JSON.stringify(error)}` };
};

describe('classifyError', () => {
  it('maps each status to a clear message and the right actions', () => {
    const cases: Array<[ReturnType<typeof apiError>, string, RegExp, string[]]> = [
      [apiError(401, 'authentication_error'), 'auth', /rejected the API key/, ['setApiKey']],
      [apiError(403, 'permission_error', 'no access'), 'permission', /not allowed.*no access/, []],
      [apiError(404, 'not_found_error'), 'notFound', /"claude-x" was not found/, ['pickModel']],
      [apiError(400, 'invalid_request_error', 'max_tokens: too big'), 'invalidRequest', /max_tokens: too big/, []],
      [apiError(429, 'rate_limit_error', 'slow', { 'retry-after': '7' }), 'rateLimit', /wait 7 s/, ['retry']],
      [apiError(529, 'overloaded_error'), 'overloaded', /overloaded/, ['retry']],
      [apiError(undefined, 'overloaded_error'), 'overloaded', /overloaded/, ['retry']],
      [apiError(500, 'api_error', 'boom'), 'server', /\(500\): boom/, ['retry']],
      [apiError(413, 'request_too_large'), 'tooLarge', /too large/, []],
    ];
    for (const [err, kind, message, actions] of cases) {
      const c = classifyError(err, ctx);
      assert.equal(c.kind, kind, JSON.stringify(err.error));
      assert.match(c.message, message);
      assert.deepEqual(c.actions, actions);
    }
  });

  it('reads retry-after-ms before retry-after', () => {
    const c = classifyError(apiError(429, 'rate_limit_error', 'x', { 'retry-after-ms': '2500', 'retry-after': '60' }), ctx);
    assert.equal(c.retryAfterMs, 2500);
  });

  it('tells a dropped connection from an unreachable server, and says the partial reply is kept', () => {
    assert.match(classifyError(new Error('Connection error.'), ctx).message, /Could not reach the API/);
    const mid = classifyError(new Error('terminated'), { ...ctx, partial: true });
    assert.equal(mid.kind, 'connection');
    assert.match(mid.message, /dropped mid-reply\. The partial reply is kept/);
  });

  it('classifies a mid-stream drop as a dropped connection in the shape of SDK 1.12 and of 1.17, naming the cause', () => {
    // 1.12 rethrows the runtime's error as an AnthropicError with its message; 1.17 wraps it in an APIConnectionError.
    const sdk112 = Object.assign(new Error('terminated', { cause: new TypeError('terminated') }), { name: 'AnthropicError' });
    const sdk117 = Object.assign(new Error('Connection error.', { cause: new TypeError('terminated') }), { name: 'APIConnectionError', status: undefined, error: undefined });
    for (const err of [sdk112, sdk117]) {
      const mid = classifyError(err, { ...ctx, partial: true });
      assert.deepEqual([mid.kind, mid.actions, mid.transient], ['connection', ['retry'], undefined], err.name);
      assert.equal(mid.message, 'The connection dropped mid-reply. The partial reply is kept. (terminated)', err.name);
      assert.equal(classifyError(err, ctx).kind, 'connection', err.name);
    }
  });

  it('reports our own Stop as aborted, whatever was thrown', () => {
    assert.equal(classifyError(apiError(500, 'api_error'), { ...ctx, aborted: true }).kind, 'aborted');
  });

  describe('gateway answers', () => {
    it('offers Set API Key on a 403 about the key or the balance, not on other refusals', () => {
      const offered = (msg: string) => classifyError(gatewayError(200, 'application/json', JSON.stringify({ code: 403, msg })), ctx).actions;
      for (const msg of ['余额不足', '令牌已过期', 'Insufficient balance', 'Invalid API key', 'quota exceeded']) assert.deepEqual(offered(msg), ['setApiKey'], msg);
      for (const msg of ['Region not supported', 'Model access denied']) assert.deepEqual(offered(msg), [], msg);
      assert.deepEqual(offered(''), ['setApiKey'], 'a bare 403 from a gateway is most often the key');
      assert.deepEqual(classifyError(apiError(403, 'permission_error', 'Your API key lacks this permission'), ctx).actions, ['setApiKey']);
    });

    it('names the endpoint, not Claude, and never shows the rewritten JSON', () => {
      const bare = classifyError(gatewayError(200, 'application/json', '{"code":401}'), ctx);
      assert.equal(bare.message, 'The endpoint rejected the API key (401). Set a valid key to continue.');
      assert.deepEqual(bare.actions, ['setApiKey']);
      assert.match(classifyError(apiError(401, 'authentication_error', 'invalid x-api-key'), ctx).message, /^Claude rejected the API key \(401: invalid x-api-key\)/);
      assert.equal(classifyError(gatewayError(403, 'application/json', '{"code":403}'), ctx).message, 'The endpoint refused the request (403).');
    });

    it('shows an HTML page as its short text, with the actions its status calls for', () => {
      const page = classifyError(gatewayError(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'), ctx);
      assert.equal(page.message, 'The endpoint answered with an HTML page (502): 502 Bad Gateway');
      assert.deepEqual(page.actions, ['retry']);
      const login = classifyError(gatewayError(401, 'text/html', '<html><title>x</title><p>Please sign in</p></html>'), ctx);
      assert.deepEqual(login.actions, ['setApiKey']);
      assert.equal(login.message, 'The endpoint answered with an HTML page (401): Please sign in');
      const ok = classifyError(gatewayError(200, '', '<!doctype html><p>Welcome</p>'), ctx);
      assert.equal(ok.message, 'The endpoint answered with an HTML page (200): Welcome');
      assert.equal(ok.transient, false, 'a page sent with 200 will not change by waiting');
    });

    it('shows a plain-text error body collapsed', () => {
      assert.equal(classifyError(gatewayError(503, 'text/plain', '  upstream\n connect   error '), ctx).message, 'The API failed (503): upstream connect error.');
    });
  });
});
