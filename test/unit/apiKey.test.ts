import * as assert from 'node:assert/strict';
import { apiKeyProblem, checkedApiKey } from '../../src/core/api/apiKey';

describe('Set API Key input (validateInput)', () => {
  it('accepts a key of visible ASCII, trimmed', () => {
    assert.equal(apiKeyProblem('  sk-ant-api03-AbC_123-xyz  '), undefined);
    assert.equal(checkedApiKey('\tsk-ant-api03-AbC_123-xyz\n'), 'sk-ant-api03-AbC_123-xyz');
  });

  it('refuses a pasted ellipsis, naming the character and where it is', () => {
    const problem = apiKeyProblem('sk-ant-api03-abc…');
    assert.match(problem ?? '', /"…" \(U\+2026\) at position 17/);
    assert.match(problem ?? '', /HTTP header/);
    assert.throws(() => checkedApiKey('sk-ant-api03-abc…'), /U\+2026/);
  });

  it('refuses spaces and invisible characters inside the key by their code, and an empty key', () => {
    assert.match(apiKeyProblem('sk-ant api03') ?? '', /contains U\+0020 at position 7/);
    assert.match(apiKeyProblem('sk-ant\u200bapi03') ?? '', /contains U\+200B at position 7/);
    assert.match(apiKeyProblem('sk-\u00e9') ?? '', /"é" \(U\+00E9\)/);
    assert.match(apiKeyProblem('   ') ?? '', /Enter a key/);
  });
});
