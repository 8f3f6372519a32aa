/** Credential and endpoint resolution, and the options the SDK client is built with. */
import type { Settings } from '../settings/settings';

export interface Credentials {
  readonly kind: 'apiKey' | 'authToken';
  readonly value: string;
  readonly source: 'secretStorage' | 'env';
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Key order of the product contract: SecretStorage, then ANTHROPIC_API_KEY, then ANTHROPIC_AUTH_TOKEN. */
export function resolveCredentials(stored: string | undefined, env: Env): Credentials | undefined {
  if (stored?.trim()) return { kind: 'apiKey', value: stored.trim(), source: 'secretStorage' };
  const key = env.ANTHROPIC_API_KEY?.trim();
  if (key) return { kind: 'apiKey', value: key, source: 'env' };
  const token = env.ANTHROPIC_AUTH_TOKEN?.trim();
  if (token) return { kind: 'authToken', value: token, source: 'env' };
  return undefined;
}

/** Setting, then ANTHROPIC_BASE_URL, then undefined (the SDK default). */
export function resolveBaseURL(settings: Settings, env: Env): string | undefined {
  const url = settings.baseURL || env.ANTHROPIC_BASE_URL?.trim() || '';
  return url ? url.replace(/\/+$/, '') : undefined;
}

export interface ClientOptions {
  readonly apiKey?: string;
  readonly authToken?: string;
  readonly baseURL?: string;
  /**
   * The client's default: 0, so nothing is sent twice unless the call asks for it. Since SDK 1.17 a
   * retry also follows a connection that drops part-way through a response, which can repeat a POST
   * that the API already carried out. Chat streams are retried by the session, visibly; the model
   * list (a GET) asks for its own retries.
   */
  readonly maxRetries: number;
  /** A `null` value removes a header the SDK would send by default. */
  readonly defaultHeaders: Readonly<Record<string, string | null>>;
}

/** Options for `new Anthropic(...)`. Credentials are always explicit (never the SDK's own chain). */
export function buildClientOptions(settings: Settings, credentials: Credentials, env: Env): ClientOptions {
  const headers: Record<string, string | null> = { ...settings.customHeaders };
  if (settings.apiVersion) headers['anthropic-version'] = settings.apiVersion;
  const baseURL = resolveBaseURL(settings, env);
  if (credentials.kind === 'authToken') {
    return { authToken: credentials.value, baseURL, maxRetries: 0, defaultHeaders: headers };
  }
  if (settings.authHeader === 'x-api-key') {
    headers.Authorization = null;
    headers['x-api-key'] = credentials.value;
  }
  return { apiKey: credentials.value, baseURL, maxRetries: 0, defaultHeaders: headers };
}
