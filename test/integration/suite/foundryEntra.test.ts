// Claude through Microsoft Foundry with Entra ID in a real VS Code extension host: the token is
// asked of VS Code's Microsoft sign-in (an authentication provider registered here in its place, as
// the test host has no Microsoft account). VS Code asks the person's consent first; the test host
// refuses every dialog, which is a person who cancels it. (The token on the wire: foundryBackend.test.ts.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { HostToWebview } from '../../../src/core/protocol/protocol';
import { useFakeEndpoint } from '../fakeEndpoint';

const config = () => vscode.workspace.getConfiguration('claudeChat');
const VARIABLES = ['ANTHROPIC_FOUNDRY_BASE_URL', 'ANTHROPIC_FOUNDRY_API_KEY', 'ANTHROPIC_FOUNDRY_RESOURCE'];
const TOKEN = 'entra-test-access-token'; // never handed out: consent comes first

/** A Microsoft sign-in that hands out one session, recording the scopes asked for. */
class EntraSignIn implements vscode.AuthenticationProvider {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  readonly asked: (readonly string[])[] = [];
  private sessions: vscode.AuthenticationSession[] = [];

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    return this.sessions.filter((s) => !scopes || scopes.every((scope) => s.scopes.includes(scope)));
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.asked.push(scopes);
    const session = { id: `session-${this.asked.length}`, accessToken: TOKEN, account: { id: 'ada', label: 'ada@example.com' }, scopes };
    this.sessions = [session];
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  async removeSession(): Promise<void> {
    this.sessions = [];
  }
}

describe('Claude through Microsoft Foundry with Entra ID in the extension host', function () {
  this.timeout(60_000);
  const endpoint = useFakeEndpoint('sk-not-for-foundry');
  const saved = new Map<string, string | undefined>();
  const signIn = new EntraSignIn();
  let registration: vscode.Disposable | undefined;

  before(async function () {
    try {
      registration = vscode.authentication.registerAuthenticationProvider('microsoft', 'Microsoft', signIn);
    } catch {
      // The host's own Microsoft sign-in is there: its token cannot come from a test.
      return this.skip();
    }
    for (const name of VARIABLES) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    process.env.ANTHROPIC_FOUNDRY_BASE_URL = `${endpoint.fake.url}/anthropic`;
    await config().update('foundry.auth', 'entraId', vscode.ConfigurationTarget.Global);
    await config().update('provider', 'foundry', vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    for (const key of ['provider', 'foundry.auth']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    registration?.dispose();
  });

  it('asks VS Code for the Microsoft sign-in; without consent it says how to sign in, keeps the text and sends nothing', async () => {
    const errors: string[] = [];
    const restored: string[] = [];
    const sub = endpoint.api.onDidPost((m: HostToWebview) => {
      if (m.type === 'error') errors.push(m.message);
      if (m.type === 'restoreComposer') restored.push(m.text);
    });
    // The test host refuses to show VS Code's consent dialog ("… wants to sign in using Microsoft"), as a person who cancels it.
    const turn = await endpoint.api.session.send('Hi').finally(() => sub.dispose());
    assert.equal(turn, undefined);
    assert.deepEqual(errors, ['Could not sign in to Microsoft Entra ID for Foundry. Sign in with your Microsoft account in VS Code (Accounts menu), then send again.']);
    assert.deepEqual(restored, ['Hi'], 'the text is back in the box');
    assert.deepEqual(signIn.asked, [], 'no account was signed in without consent');
    assert.equal(endpoint.fake.messageRequests.length, 0, 'nothing was sent');
  });
});
