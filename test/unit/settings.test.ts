import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientOptions, resolveBaseURL, resolveCredentials } from '../../src/core/api/clientOptions';
import { DEFAULT_SETTINGS, parseSettings, settingName, USER_ONLY_SETTINGS } from '../../src/core/settings/settings';

describe('settings and credentials', () => {
  it('parses settings with defaults for missing or invalid values', () => {
    assert.deepEqual(parseSettings(() => undefined), DEFAULT_SETTINGS);
    const raw: Record<string, unknown> = { model: ' claude-opus-5-5 ', maxTokens: -3, authHeader: 'x-api-key', customHeaders: { 'X-Team': 'a', 'bad header': 'b', 'X-N': 5 } };
    const s = parseSettings((k) => raw[k]);
    assert.equal(s.model, 'claude-opus-5-5');
    assert.equal(s.maxTokens, DEFAULT_SETTINGS.maxTokens);
    assert.equal(s.authHeader, 'x-api-key');
    assert.deepEqual(s.customHeaders, { 'X-Team': 'a' });
  });

  it('resolves the key from secret storage, then ANTHROPIC_API_KEY, then ANTHROPIC_AUTH_TOKEN', () => {
    assert.deepEqual(resolveCredentials('stored', { ANTHROPIC_API_KEY: 'env' }), { kind: 'apiKey', value: 'stored', source: 'secretStorage' });
    assert.deepEqual(resolveCredentials(undefined, { ANTHROPIC_API_KEY: 'env' }), { kind: 'apiKey', value: 'env', source: 'env' });
    assert.deepEqual(resolveCredentials('  ', { ANTHROPIC_AUTH_TOKEN: 'tok' }), { kind: 'authToken', value: 'tok', source: 'env' });
    assert.equal(resolveCredentials(undefined, {}), undefined);
  });

  it('resolves the base URL from the setting, then ANTHROPIC_BASE_URL, then the SDK default', () => {
    assert.equal(resolveBaseURL({ ...DEFAULT_SETTINGS, baseURL: 'http://a/' }, { ANTHROPIC_BASE_URL: 'http://b' }), 'http://a');
    assert.equal(resolveBaseURL(DEFAULT_SETTINGS, { ANTHROPIC_BASE_URL: 'http://b' }), 'http://b');
    assert.equal(resolveBaseURL(DEFAULT_SETTINGS, {}), undefined);
  });

  it('builds client options for bearer, x-api-key gateways, pinned versions and custom headers', () => {
    const key = { kind: 'apiKey' as const, value: 'k', source: 'env' as const };
    assert.deepEqual(buildClientOptions(DEFAULT_SETTINGS, key, {}), { apiKey: 'k', baseURL: undefined, maxRetries: 0, defaultHeaders: {} });
    const gateway = buildClientOptions({ ...DEFAULT_SETTINGS, authHeader: 'x-api-key', apiVersion: '2023-06-01', customHeaders: { 'X-Team': 't' } }, key, {});
    assert.deepEqual(gateway.defaultHeaders, { 'X-Team': 't', 'anthropic-version': '2023-06-01', Authorization: null, 'x-api-key': 'k' });
    const token = buildClientOptions(DEFAULT_SETTINGS, { kind: 'authToken', value: 't', source: 'env' }, {});
    assert.equal(token.authToken, 't');
    assert.equal(token.apiKey, undefined);
  });

  it('the endpoint settings and autoApprove are user/machine settings in the manifest, and ignored in Restricted Mode too', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    const properties: Record<string, { scope?: string }> = manifest.contributes.configuration.properties;
    const userOnly = Object.keys(properties).filter((name) => ['machine', 'application'].includes(properties[name].scope ?? ''));
    assert.deepEqual(userOnly, USER_ONLY_SETTINGS.map(settingName), 'VS Code\'s settings editor offers them in user settings only');
    const endpoint = ['baseURL', 'apiVersion', 'authHeader', 'customHeaders'].map((key) => properties[`claudeChat.${key}`].scope);
    assert.deepEqual(endpoint, ['machine', 'machine', 'machine', 'machine'], 'per machine: in a remote window requests leave from the remote host');
    const restricted: string[] = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    assert.deepEqual(userOnly.filter((name) => !restricted.includes(name)), []);
  });
});
