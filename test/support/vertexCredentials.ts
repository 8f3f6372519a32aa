/**
 * Google credentials for tests against the Vertex AI fake, made on this machine: a service-account
 * key file (a fresh RSA key) and an `authorized_user` file like the one
 * `gcloud auth application-default login` writes, each trusted by the fake; auth clients that reach
 * the fake with them; and Application Default Credentials pointed at such a file for a while.
 *
 * google-auth-library 10 posts a service account's signed assertion to
 * https://oauth2.googleapis.com/token whatever the file's `token_uri` says. So a key file reaches the
 * fake's token endpoint only through `tokenRequestsTo(fake)`; with `universeDomain` set, the library
 * signs a JWT and sends it as the access token instead (no token endpoint), which the fake verifies:
 * that file works through the environment alone, in a process the test does not build the client of.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gaxios, GoogleAuth, OAuth2Client, type GoogleAuthOptions } from 'google-auth-library';
import { CLOUD_PLATFORM_SCOPE, GOOGLE_TOKEN_URL, type AuthorizedUser } from '../fake-anthropic/googleTokens';
import type { FakeAnthropic } from '../fake-anthropic/server';

export const ADC_VARIABLE = 'GOOGLE_APPLICATION_CREDENTIALS';

export interface ServiceAccountOptions {
  /** The file's `universe_domain`: anything but googleapis.com makes the library sign its own tokens. */
  readonly universeDomain?: string;
  /** The file's `project_id` (the fake's project unless given). */
  readonly projectId?: string;
  /** Leave the key out of the fake's trust: its tokens and assertions are refused. */
  readonly untrusted?: boolean;
}

export interface ServiceAccountFile {
  readonly path: string;
  readonly email: string;
  /** Has the fake trust the account's key again (a reset forgets it). */
  trust(): void;
}

export interface AuthorizedUserFile {
  readonly path: string;
  readonly user: AuthorizedUser;
}

const written: string[] = [];
let accounts = 0;

function writeJson(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'claude-chat-gcloud-'));
  written.push(dir);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content, null, 2), { mode: 0o600 });
  return path;
}

/** Writes a service-account key file whose `token_uri` is the fake's token endpoint, and has the fake trust its key. */
export function writeServiceAccount(fake: FakeAnthropic, options: ServiceAccountOptions = {}): ServiceAccountFile {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const projectId = options.projectId ?? fake.vertex.projectId;
  const email = `claude-chat-test-${++accounts}@${projectId}.iam.gserviceaccount.com`;
  if (!options.untrusted) fake.vertex.credentials.trustServiceAccount(email, publicKey);
  const path = writeJson('service-account.json', {
    type: 'service_account',
    project_id: projectId,
    private_key_id: `key-${accounts}`,
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: email,
    client_id: `1000000000000000000${accounts}`,
    auth_uri: 'https://accounts.google.com/o/oauth2/auth',
    token_uri: new URL('/token', fake.url).href,
    ...(options.universeDomain ? { universe_domain: options.universeDomain } : {}),
  });
  return { path, email, trust: () => fake.vertex.credentials.trustServiceAccount(email, publicKey) };
}

/** Writes an `authorized_user` file (what `gcloud auth application-default login` leaves) and has the fake trust its refresh token. */
export function writeAuthorizedUser(fake: FakeAnthropic, quotaProject = fake.vertex.projectId): AuthorizedUserFile {
  const user: AuthorizedUser = { clientId: `${++accounts}-test.apps.googleusercontent.com`, clientSecret: `secret-${accounts}`, refreshToken: `1//refresh-${accounts}` };
  fake.vertex.credentials.trustUser(user);
  const path = writeJson('application_default_credentials.json', {
    account: '',
    client_id: user.clientId,
    client_secret: user.clientSecret,
    quota_project_id: quotaProject,
    refresh_token: user.refreshToken,
    type: 'authorized_user',
    universe_domain: 'googleapis.com',
  });
  return { path, user };
}

/** Removes every file written here. */
export function removeCredentialFiles(): void {
  for (const dir of written.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An auth client that sends `token` as it is (the fake takes it); for `new AnthropicVertex({ authClient })`. */
export function staticTokenClient(fake: FakeAnthropic, token = 'ya29.static-test-token'): OAuth2Client {
  fake.vertex.credentials.acceptToken(token);
  const client = new OAuth2Client();
  client.setCredentials({ access_token: token, expiry_date: Date.now() + 3_600_000 });
  return client;
}

/** An HTTP transporter for google-auth-library that sends what it would post to Google's token endpoint to the fake's. */
export function tokenRequestsTo(fake: FakeAnthropic): gaxios.Gaxios {
  const transporter = new gaxios.Gaxios();
  transporter.interceptors.request.add({
    resolved: async (options) => (String(options.url) === GOOGLE_TOKEN_URL ? { ...options, url: new URL('/token', fake.url) } : options),
  });
  return transporter;
}

/**
 * Application Default Credentials as the SDK builds them (cloud-platform scope), with every token
 * request going to the fake: through the transporter for a key file, through the OAuth endpoints
 * for an `authorized_user` file. The project is given: without it, credentials that name none (a
 * person's) make the library ask gcloud and probe the GCE metadata server, seconds lost offline.
 */
export function googleAuthFor(fake: FakeAnthropic, options: GoogleAuthOptions = {}): GoogleAuth {
  const tokenUrl = new URL('/token', fake.url).href;
  return new GoogleAuth({
    scopes: CLOUD_PLATFORM_SCOPE,
    projectId: fake.vertex.projectId,
    ...options,
    clientOptions: { transporter: tokenRequestsTo(fake), endpoints: { oauth2TokenUrl: tokenUrl }, ...options.clientOptions },
  });
}

/** Runs `body` with `GOOGLE_APPLICATION_CREDENTIALS` set to `path` (unset for undefined), then puts the variable back. */
export async function withApplicationDefaultCredentials<T>(path: string | undefined, body: () => Promise<T>): Promise<T> {
  const before = process.env[ADC_VARIABLE];
  setVariable(path);
  try {
    return await body();
  } finally {
    setVariable(before);
  }
}

function setVariable(value: string | undefined): void {
  if (value === undefined) delete process.env[ADC_VARIABLE];
  else process.env[ADC_VARIABLE] = value;
}
