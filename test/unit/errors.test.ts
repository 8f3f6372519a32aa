import * as assert from 'node:assert/strict';
import { classifyError } from '../../src/core/errors';

const ctx = { aborted: false, model: 'claude-x', partial: false };
const apiError = (status: number | undefined, type: string, message = 'msg', headers: Record<string, string> = {}) => ({
  status,
  error: { type: 'error', error: { type, message } },
  headers: new Headers(headers),
  message: `${status ?? ''} ${message}`,
});

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

  it('reports our own Stop as aborted, whatever was thrown', () => {
    assert.equal(classifyError(apiError(500, 'api_error'), { ...ctx, aborted: true }).kind, 'aborted');
  });
});
