// Application Default Credentials against the Vertex AI fake, offline: google-auth-library reads a
// key file or an authorized_user file as it does on a developer's machine, gets its token from the
// fake (or signs its own), and the real Vertex SDK streams with it.
import { APIConnectionError } from '@anthropic-ai/sdk';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import * as assert from 'node:assert/strict';
import { sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseJwt } from '../fake-anthropic/googleTokens';
import { textReply } from '../fake-anthropic/scripts';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { useFakeVertex, vertexClientFor } from '../support/fakeVertexClient';
import { googleAuthFor, withApplicationDefaultCredentials, writeAuthorizedUser, writeServiceAccount } from '../support/vertexCredentials';

/** A JWT-bearer assertion with `claims`, signed RS256 by the key in `keyFile`. */
function signedAssertion(keyFile: string, claims: object): string {
  const key = (JSON.parse(readFileSync(keyFile, 'utf8')) as { private_key: string }).private_key;
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${sign('sha256', Buffer.from(signed), key).toString('base64url')}`;
}

const params = { model: 'claude-sonnet-5-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hi' }] };

const textOf = async (client: AnthropicVertex): Promise<string> => {
  const message = await client.messages.stream(params).finalMessage();
  return message.content[0].type === 'text' ? message.content[0].text : '';
};

describe('fake Vertex AI: Application Default Credentials offline', () => {
  let fake: FakeAnthropic;
  useFakeVertex((server) => {
    fake = server;
  });

  it("exchanges a service account's signed assertion at the token endpoint, then streams with the token", async () => {
    const account = writeServiceAccount(fake);
    fake.enqueue(textReply(['from ', 'a key file']), textReply(['again']));
    await withApplicationDefaultCredentials(account.path, async () => {
      const client = vertexClientFor(fake, { googleAuth: googleAuthFor(fake) });
      assert.equal(await textOf(client), 'from a key file');
      assert.equal(await textOf(client), 'again');
    });
    assert.equal(fake.vertex.tokenRequests.length, 1, 'the token is reused while it lives');
    const form = new URLSearchParams(fake.vertex.tokenRequests[0].body);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = parseJwt(form.get('assertion') ?? '')?.claims;
    assert.equal(claims?.iss, account.email);
    assert.equal(claims?.scope, 'https://www.googleapis.com/auth/cloud-platform');
    assert.equal(claims?.aud, 'https://oauth2.googleapis.com/token', 'the library signs for Google whatever token_uri says');
    const issued = fake.vertex.requests.map((r) => r.headers.authorization);
    assert.match(issued[0], /^Bearer ya29\.fake-1-/);
    assert.equal(issued[1], issued[0]);
  });

  it('refuses an assertion signed by a key it does not know; the SDK reports a connection error', async () => {
    const account = writeServiceAccount(fake, { untrusted: true });
    const err = await withApplicationDefaultCredentials(account.path, () =>
      vertexClientFor(fake, { googleAuth: googleAuthFor(fake) })
        .messages.create(params)
        .then(() => assert.fail('the request should fail'), (e: unknown) => e),
    );
    assert.ok(err instanceof APIConnectionError);
    assert.equal(err.message, 'Failed to acquire Google OAuth credentials.');
    assert.match(String((err.cause as Error).message), /invalid_grant: Invalid grant: account not found/);
    assert.equal(fake.vertex.requests.length, 0, 'nothing reached Vertex');
  });

  it('takes a self-signed JWT from a key file outside the googleapis.com universe, through the environment alone', async () => {
    const account = writeServiceAccount(fake, { universeDomain: 'fake-universe.test' });
    fake.enqueue(textReply(['self-signed']));
    // No googleAuth: the SDK builds its own GoogleAuth from the environment, as in the extension host.
    const text = await withApplicationDefaultCredentials(account.path, () => textOf(vertexClientFor(fake)));
    assert.equal(text, 'self-signed');
    assert.equal(fake.vertex.tokenRequests.length, 0);
    const token = fake.vertex.requests[0].headers.authorization.replace(/^Bearer /, '');
    assert.equal(parseJwt(token)?.claims.sub, account.email);
  });

  it('refreshes an authorized_user file (gcloud auth application-default login) at the token endpoint', async () => {
    const { path, user } = writeAuthorizedUser(fake);
    fake.enqueue(textReply(['as a person']));
    const text = await withApplicationDefaultCredentials(path, () => textOf(vertexClientFor(fake, { googleAuth: googleAuthFor(fake) })));
    assert.equal(text, 'as a person');
    const form = new URLSearchParams(fake.vertex.tokenRequests[0].body);
    assert.deepEqual(Object.fromEntries(form), { client_id: user.clientId, client_secret: user.clientSecret, grant_type: 'refresh_token', refresh_token: user.refreshToken });
    assert.equal(fake.vertex.requests[0].headers['x-goog-user-project'], fake.vertex.projectId, 'the quota project rides along');
  });

  it('answers the token endpoint as Google does for a bad signature, a stale assertion, an unknown client and a revoked refresh token', async () => {
    const account = writeServiceAccount(fake);
    const other = writeServiceAccount(fake, { untrusted: true });
    const post = async (form: Record<string, string>) => {
      const res = await fetch(`${fake.url}/token`, { method: 'POST', body: new URLSearchParams(form) });
      return { status: res.status, json: (await res.json()) as unknown };
    };
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: account.email, scope: 'https://www.googleapis.com/auth/cloud-platform', aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600 };
    const grant = (keyFile: string, claimed: object) => post({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signedAssertion(keyFile, claimed) });
    assert.equal((await grant(account.path, claims)).status, 200);
    const forged = await grant(other.path, claims);
    assert.deepEqual(forged, { status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } });
    const stale = await grant(account.path, { ...claims, iat: now - 7200, exp: now - 3600 });
    assert.equal(stale.status, 400);
    assert.match(JSON.stringify(stale.json), /Token must be a short-lived token \(60 minutes\) and in a reasonable timeframe/);
    const { user } = writeAuthorizedUser(fake);
    const stranger = await post({ grant_type: 'refresh_token', client_id: 'nobody.apps.googleusercontent.com', client_secret: 'x', refresh_token: 'y' });
    assert.deepEqual(stranger, { status: 401, json: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } });
    const revoked = await post({ grant_type: 'refresh_token', client_id: user.clientId, client_secret: user.clientSecret, refresh_token: '1//revoked' });
    assert.deepEqual(revoked, { status: 400, json: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
  });
});
