/**
 * The account's inference profiles from Bedrock's control plane (ListInferenceProfiles), with the
 * chat's credentials: the Bedrock API key as a bearer token when there is one, else the AWS
 * credential chain, signing with SigV4 for the `bedrock` service as the Bedrock SDK does. Part of
 * the lazily loaded Bedrock bundle (imported from bedrockEntry.ts only).
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';
import { bedrockControlPlaneUrl, inferenceProfilesUrl, MAX_PROFILE_PAGES, readProfilePage, type InferenceProfile } from '../../core/api/bedrockModels';

export interface BedrockListingOptions {
  readonly region: string;
  /** The AWS profile of the credential chain (empty: AWS_PROFILE, else the default). */
  readonly profile?: string;
  /** A Bedrock API key: sent as `Authorization: Bearer …` instead of a signature. */
  readonly apiKey?: string;
  /** ANTHROPIC_BEDROCK_BASE_URL, when set. */
  readonly baseURL?: string;
}

/** The AWS credential chain the chat's requests are signed with too. */
export const awsCredentialChain = (profile?: string) => fromNodeProviderChain(profile ? { profile } : {});

/** A refused listing, as AWS said it (`x-amzn-errortype` without its namespace). */
export class BedrockListingError extends Error {
  constructor(
    readonly status: number,
    readonly type: string | undefined,
    message: string,
  ) {
    super(`${status}${type ? ` ${type}` : ''}: ${message}`);
    this.name = 'BedrockListingError';
  }
}

/** How long one page may take: a listing that hangs would leave the picker loading. */
const PAGE_TIMEOUT_MS = 30_000;

type Authorize = (url: URL) => Promise<Record<string, string>>;

function sigv4(options: BedrockListingOptions): Authorize {
  const signer = new SignatureV4({ service: 'bedrock', region: options.region, credentials: awsCredentialChain(options.profile), sha256: Sha256 });
  return async (url) => {
    const signed = await signer.sign({
      method: 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, accept: 'application/json' },
    });
    return signed.headers;
  };
}

const bearer =
  (key: string): Authorize =>
  async () => ({ authorization: `Bearer ${key}`, accept: 'application/json' });

/** What an error answer says: AWS's `message` (or the front end's `Message`), else the body as sent. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    const message = parsed.message ?? parsed.Message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the body itself
  }
  return body.slice(0, 500);
}

/** Every profile of every page (at most MAX_PROFILE_PAGES); rejects when a page is refused or is not one. */
export async function listInferenceProfiles(options: BedrockListingOptions): Promise<InferenceProfile[]> {
  const base = bedrockControlPlaneUrl(options.region, options.baseURL);
  const authorize = options.apiKey ? bearer(options.apiKey) : sigv4(options);
  const profiles: InferenceProfile[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PROFILE_PAGES; page++) {
    const url = new URL(inferenceProfilesUrl(base, nextToken));
    const response = await fetch(url, { headers: await authorize(url), signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
    const body = await response.text();
    if (!response.ok) throw new BedrockListingError(response.status, response.headers.get('x-amzn-errortype')?.split(':')[0] || undefined, errorMessage(body));
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const read = readProfilePage(json);
    // not localized: never shown (a failed listing keeps the built-in list)
    if (!read) throw new BedrockListingError(response.status, undefined, 'The answer is not a list of inference profiles.');
    profiles.push(...read.profiles);
    nextToken = read.nextToken;
    if (!nextToken) break;
  }
  return profiles;
}
