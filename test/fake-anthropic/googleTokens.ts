/**
 * Google's OAuth side of the Vertex AI fake: the token endpoint (`POST /token`, the JWT-bearer grant
 * of a service account and the refresh-token grant of an `authorized_user` file, answered as
 * oauth2.googleapis.com answers them) and the check of every bearer token a Vertex route receives:
 * one this endpoint issued, one a test set, or a self-signed JWT of a known service account (what
 * google-auth-library sends instead of exchanging one, outside the googleapis.com universe).
 */
import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { isObj, type Obj } from './json';

/** The token endpoint google-auth-library 10 posts every service-account assertion to, whatever the file's `token_uri`. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** What `gcloud auth application-default login` keeps: an OAuth client and the person's refresh token. */
export interface AuthorizedUser {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
}

/** An answer of the token endpoint: the status and its JSON body. */
export interface TokenAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** How a bearer token stands: good, unknown (or not a token at all), expired, or without the cloud-platform scope. */
export type TokenVerdict = 'valid' | 'invalid' | 'expired' | 'scope';

interface IssuedToken {
  readonly scope: string;
  expiresAt: number;
}

const LIFETIME_SECONDS = 3599;
/** Google takes an assertion that lives at most an hour, with a few minutes of clock skew. */
const MAX_JWT_SECONDS = 3600;
const SKEW_SECONDS = 300;

const oauthError = (status: number, error: string, description: string): TokenAnswer => ({ status, body: { error, error_description: description } });

/** Issues and checks the access tokens of the fake's Google project. */
export class GoogleCredentials {
  private readonly serviceAccounts = new Map<string, KeyObject>();
  private readonly users: AuthorizedUser[] = [];
  private readonly tokens = new Map<string, IssuedToken>();
  private issued = 0;

  /** Trusts the service account `email`, whose assertions and self-signed JWTs `publicKey` (PEM) verifies. */
  trustServiceAccount(email: string, publicKey: string | KeyObject): void {
    this.serviceAccounts.set(email, typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey);
  }

  /** Trusts a person's refresh token for its OAuth client. */
  trustUser(user: AuthorizedUser): void {
    this.users.push(user);
  }

  /** Accepts `token` as is, as if it had been issued an hour ago for the cloud-platform scope. */
  acceptToken(token: string): void {
    this.tokens.set(token, { scope: CLOUD_PLATFORM_SCOPE, expiresAt: Date.now() + LIFETIME_SECONDS * 1000 });
  }

  /** Makes every token handed out so far expire now: the next request with one gets Google's 401. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = Date.now() - 1;
  }

  /** How many tokens the token endpoint has issued since the last reset. */
  get issuedCount(): number {
    return this.issued;
  }

  reset(): void {
    this.serviceAccounts.clear();
    this.users.length = 0;
    this.tokens.clear();
    this.issued = 0;
  }

  /** Answers `POST /token` with its form; `tokenUrl` is this endpoint's own address, an audience it accepts besides Google's. */
  exchange(form: URLSearchParams, tokenUrl: string): TokenAnswer {
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') return this.exchangeAssertion(form.get('assertion') ?? '', tokenUrl);
    if (grant === 'refresh_token') return this.exchangeRefreshToken(form);
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant ?? ''}`);
  }

  /** Whether a Vertex route takes `token`. */
  check(token: string): TokenVerdict {
    const issued = this.tokens.get(token);
    if (issued) {
      if (issued.expiresAt <= Date.now()) return 'expired';
      return hasCloudPlatform(issued.scope) ? 'valid' : 'scope';
    }
    return this.checkSelfSigned(token);
  }

  private exchangeAssertion(assertion: string, tokenUrl: string): TokenAnswer {
    const jwt = parseJwt(assertion);
    if (!jwt) return oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a signed JWT.');
    const key = typeof jwt.claims.iss === 'string' ? this.serviceAccounts.get(jwt.claims.iss) : undefined;
    if (!key) return oauthError(400, 'invalid_grant', 'Invalid grant: account not found');
    if (!jwt.verifiedBy(key)) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    if (!shortLived(jwt.claims)) {
      return oauthError(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.');
    }
    if (jwt.claims.aud !== GOOGLE_TOKEN_URL && jwt.claims.aud !== tokenUrl) return oauthError(400, 'invalid_grant', 'Invalid JWT: Failed audience check.');
    const scope = jwt.claims.scope;
    if (typeof scope !== 'string' || !scope.trim()) return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    return this.issue(scope);
  }

  private exchangeRefreshToken(form: URLSearchParams): TokenAnswer {
    const client = this.users.filter((u) => u.clientId === form.get('client_id'));
    if (!client.length) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (!client.some((u) => u.clientSecret === form.get('client_secret'))) return oauthError(401, 'invalid_client', 'Unauthorized');
    if (!client.some((u) => u.refreshToken === form.get('refresh_token'))) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    return this.issue(`openid https://www.googleapis.com/auth/userinfo.email ${CLOUD_PLATFORM_SCOPE}`);
  }

  private issue(scope: string): TokenAnswer {
    const token = `ya29.fake-${++this.issued}-${randomBytes(12).toString('base64url')}`;
    this.tokens.set(token, { scope, expiresAt: Date.now() + LIFETIME_SECONDS * 1000 });
    return { status: 200, body: { access_token: token, expires_in: LIFETIME_SECONDS, scope, token_type: 'Bearer' } };
  }

  /** A JWT a known service account signed for itself: its scope (or an audience) names the API, and it is short-lived and current. */
  private checkSelfSigned(token: string): TokenVerdict {
    const jwt = parseJwt(token);
    const key = jwt && typeof jwt.claims.iss === 'string' ? this.serviceAccounts.get(jwt.claims.iss) : undefined;
    if (!jwt || !key || !jwt.verifiedBy(key) || jwt.claims.sub !== jwt.claims.iss) return 'invalid';
    if (typeof jwt.claims.exp === 'number' && jwt.claims.exp * 1000 <= Date.now()) return 'expired';
    if (!shortLived(jwt.claims)) return 'invalid';
    const scope = typeof jwt.claims.scope === 'string' ? jwt.claims.scope : '';
    const audience = typeof jwt.claims.aud === 'string' ? jwt.claims.aud : '';
    return hasCloudPlatform(scope) || /aiplatform\./.test(audience) ? 'valid' : 'scope';
  }
}

const hasCloudPlatform = (scope: string): boolean => scope.split(/\s+/).includes(CLOUD_PLATFORM_SCOPE);

/** `iat` and `exp` are numbers, at most an hour apart, and the token is current (with Google's skew allowance). */
function shortLived(claims: Obj): boolean {
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number') return false;
  const now = Date.now() / 1000;
  return exp > iat && exp - iat <= MAX_JWT_SECONDS && iat <= now + SKEW_SECONDS && exp > now - SKEW_SECONDS;
}

interface ParsedJwt {
  readonly claims: Obj;
  /** True when the RS256 signature checks out against `key`. */
  verifiedBy(key: KeyObject): boolean;
}

/** A compact JWS with an RS256 header and a JSON object as its payload, or undefined. */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) return undefined;
  const header = decodeJson(parts[0]);
  const claims = decodeJson(parts[1]);
  if (!isObj(header) || header.alg !== 'RS256' || !isObj(claims)) return undefined;
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  const signature = Buffer.from(parts[2], 'base64url');
  return { claims, verifiedBy: (key) => verify('sha256', signed, key, signature) };
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
