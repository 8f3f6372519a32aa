import * as assert from 'node:assert/strict';
import { conversationToMarkdown } from '../../src/core/conversation/markdownExport';
import { parseConversation } from '../../src/core/conversation/storageFormat';
import { newConversationId, titleFor } from '../../src/core/conversation/turns';
import { unwrapGatewayJson } from '../../src/core/api/gateway';
import { mergeModels } from '../../src/core/models/apiModels';
import { builtInModel, modelInfo } from '../../src/core/models/models';
import { RetryPolicy } from '../../src/core/api/retry';
import { addUsage, formatCost, summarizeUsage } from '../../src/core/models/usage';

describe('models, usage, retries, conversations, gateways', () => {
  it('prices usage per model, with cache writes at 1.25x and reads at 0.1x', () => {
    const opus = modelInfo('claude-opus-4-8');
    const u = summarizeUsage({ input_tokens: 1_000_000, output_tokens: 1_000_000, cache_creation_input_tokens: 1_000_000, cache_read_input_tokens: 1_000_000 }, opus);
    assert.equal(u.cost, 5 + 25 + 6.25 + 0.5);
    assert.equal(summarizeUsage({ input_tokens: 5, output_tokens: 5 }, modelInfo('some-gateway-model')).cost, undefined);
    assert.equal(addUsage(u, u).cost, 2 * (5 + 25 + 6.25 + 0.5));
    assert.equal(formatCost(0.00123), '$0.0012');
    assert.equal(formatCost(1.5), '$1.50');
  });

  it('merges the API model list over the built-in facts', () => {
    const [m] = mergeModels([{ id: 'claude-haiku-4-5-20251001', display_name: 'Haiku', max_input_tokens: 123 }]);
    assert.equal(m.label, 'Haiku');
    assert.equal(m.contextWindow, 123);
    assert.equal(m.inputPrice, 1);
    assert.equal(m.prefill, true);
    assert.equal(builtInModel('claude-opus-5-5')?.prefill, false);
  });

  it('retries transient errors with capped exponential backoff, honouring retry-after', () => {
    const policy = new RetryPolicy(4, 1000, 3000, 60_000, () => 1);
    const overloaded = { kind: 'overloaded' as const, message: '', actions: [], transient: true };
    assert.deepEqual([1, 2, 3, 4].map((a) => policy.delayFor(overloaded, a, false)), [1000, 2000, 3000, undefined]);
    assert.equal(policy.delayFor({ ...overloaded, kind: 'rateLimit', retryAfterMs: 5000 }, 1, false), 5000);
    assert.equal(policy.delayFor({ ...overloaded, kind: 'rateLimit', retryAfterMs: 120_000 }, 1, false), undefined);
    assert.equal(policy.delayFor({ ...overloaded, kind: 'server' }, 1, true), undefined, 'partial text is kept unless overloaded');
    assert.equal(policy.delayFor({ kind: 'auth', message: '', actions: [] }, 1, false), undefined);
  });

  it('parses exported conversations, refusing what is not one with a plain message', () => {
    const c = parseConversation(JSON.stringify({ version: 1, id: 'x1', title: 'T', createdAt: 1, updatedAt: 2, turns: [{ id: 'a', role: 'user', text: 'hi' }, { id: 'b', role: 'assistant', content: [{ type: 'text', text: 'yo' }], status: 'streaming', model: 'm' }] }));
    assert.equal(c.turns[1].role === 'assistant' && c.turns[1].status, 'interrupted');
    assert.throws(() => parseConversation('nope'), /not valid JSON/);
    assert.throws(() => parseConversation('{"version":2}'), /not a Claude Chat conversation/);
    assert.throws(() => parseConversation('{"version":1,"turns":[{"role":"user"}]}'), /Turn 1 .* malformed/);
    assert.match(conversationToMarkdown(c), /## You\n\nhi\n\n## Claude \(m\)\n\nyo\n\n_\(interrupted\)_/);
    assert.equal(titleFor([{ id: '1', role: 'user', text: `${'x'.repeat(80)}\nmore` }]).length, 60);
    assert.match(newConversationId(), /^c[a-z0-9]+$/);
  });

  it('unwraps gateway-wrapped JSON and leaves API bodies alone', () => {
    assert.equal(unwrapGatewayJson('{"code":200,"data":{"data":[{"id":"m"}],"has_more":false}}'), '{"data":[{"id":"m"}],"has_more":false}');
    const error = '{"type":"error","error":{"type":"x","message":"y"}}';
    assert.equal(unwrapGatewayJson(error), error);
    assert.equal(unwrapGatewayJson('{"code":500,"data":{}}'), '{"code":500,"data":{}}');
  });
});
