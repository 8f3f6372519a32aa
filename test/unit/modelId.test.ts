import * as assert from 'node:assert/strict';
import { customModelId } from '../../src/core/models/modelId';

describe('a typed model id in Select Model', () => {
  const listed = ['claude-opus-5-5', 'claude-sonnet-5-5'];

  it('offers ids as gateways write them', () => {
    assert.equal(customModelId('my-gateway-model-1', listed), 'my-gateway-model-1');
    assert.equal(customModelId('  anthropic/claude-opus@2025:v1.2 ', listed), 'anthropic/claude-opus@2025:v1.2');
    assert.equal(customModelId('Claude_Opus', listed), 'Claude_Opus');
  });

  it('offers nothing for a listed id, an empty box or text that cannot be an id', () => {
    assert.equal(customModelId('claude-opus-5-5', listed), undefined);
    assert.equal(customModelId('', listed), undefined);
    assert.equal(customModelId('   ', listed), undefined);
    assert.equal(customModelId('Claude Opus', listed), undefined);
    assert.equal(customModelId('model?x=1', listed), undefined);
  });
});
