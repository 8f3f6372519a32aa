/**
 * Who a Bedrock request says it is, checked as AWS checks it: a SigV4 signature scoped to the
 * region and the `bedrock` service, by a known access key, with a session token that has not
 * expired; or a Bedrock API key sent as `Authorization: Bearer …`.
 */
import type { AwsError } from './bedrockErrors';
import { parseSigV4, signatureMatches, SIGV4_ALGORITHM, type SignedRequest } from './sigv4';

export const BEDROCK_SERVICE = 'bedrock';

/** How a request authenticated. */
export type BedrockAuth =
  | {
      readonly kind: 'sigv4';
      readonly accessKeyId: string;
      readonly region: string;
      readonly service: string;
      /** `x-amz-security-token`, sent with temporary credentials (SSO, an assumed role). */
      readonly sessionToken?: string;
      readonly signedHeaders: readonly string[];
    }
  | { readonly kind: 'apiKey'; readonly key: string };

/** What the fake accepts. */
export interface BedrockAuthSettings {
  readonly region: string;
  /** Access key id → secret access key. */
  readonly credentials: ReadonlyMap<string, string>;
  readonly apiKeys: ReadonlySet<string>;
  /** Session tokens and API keys that have expired. */
  readonly expiredTokens: ReadonlySet<string>;
}

const frontEnd = (status: number, type: string, message: string): AwsError => ({ status, type, message, frontEnd: true });

const MISSING_HEADER = frontEnd(403, 'AccessDeniedException', 'Authorization header is missing');
const BAD_API_KEY = frontEnd(403, 'AccessDeniedException', 'Authentication failed: Please make sure your API Key is valid.');
const EXPIRED = frontEnd(403, 'ExpiredTokenException', 'The security token included in the request is expired');
const UNKNOWN_KEY = frontEnd(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
const WRONG_REGION = frontEnd(403, 'InvalidSignatureException', 'Credential should be scoped to a valid region.');
const WRONG_SERVICE = frontEnd(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${BEDROCK_SERVICE}'. `);
const WRONG_SIGNATURE = frontEnd(
  403,
  'InvalidSignatureException',
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
);

/** The request's authentication, or the 403 AWS answers for it. */
export function authenticate(request: SignedRequest, settings: BedrockAuthSettings): BedrockAuth | AwsError {
  const header = request.headers.authorization;
  if (!header) return MISSING_HEADER;
  if (header.startsWith('Bearer ')) {
    const key = header.slice('Bearer '.length).trim();
    return settings.apiKeys.has(key) && !settings.expiredTokens.has(key) ? { kind: 'apiKey', key } : BAD_API_KEY;
  }
  const auth = parseSigV4(header);
  const amzDate = request.headers['x-amz-date'] ?? request.headers.date;
  if (!auth || !amzDate) return incompleteSignature(header, Boolean(amzDate));
  if (auth.service !== BEDROCK_SERVICE) return WRONG_SERVICE;
  if (auth.region !== settings.region) return WRONG_REGION;
  const sessionToken = request.headers['x-amz-security-token'];
  if (sessionToken && settings.expiredTokens.has(sessionToken)) return EXPIRED;
  const secret = settings.credentials.get(auth.accessKeyId);
  if (secret === undefined) return UNKNOWN_KEY;
  if (!signatureMatches(request, auth, secret)) return WRONG_SIGNATURE;
  return { kind: 'sigv4', accessKeyId: auth.accessKeyId, region: auth.region, service: auth.service, signedHeaders: auth.signedHeaders, ...(sessionToken ? { sessionToken } : {}) };
}

/** AWS lists each part a SigV4 `Authorization` header lacks, then the header as sent. */
function incompleteSignature(header: string, hasDate: boolean): AwsError {
  const sigv4 = header.startsWith(`${SIGV4_ALGORITHM} `);
  const missing = ['Credential', 'Signature', 'SignedHeaders']
    .filter((part) => !sigv4 || !new RegExp(`[ ,]${part}=`).test(header))
    .map((part) => `Authorization header requires '${part}' parameter.`);
  if (!hasDate) missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  return frontEnd(403, 'IncompleteSignatureException', `${missing.join(' ')} Authorization=${header}`);
}
