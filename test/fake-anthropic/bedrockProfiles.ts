/**
 * Bedrock's control-plane ListInferenceProfiles on the fake server: `GET /inference-profiles`
 * (after any base-URL prefix) with `maxResults`, `nextToken` and the type filter AWS sends as
 * `type`, authenticated as every Bedrock call (bedrockAuth.ts), answered in AWS's shape
 * (`{inferenceProfileSummaries, nextToken}`) from `fake.bedrock.profiles`, a page at a time.
 */
import type { ServerResponse } from 'node:http';
import type { BedrockAuthSettings } from './bedrockAuth';
import { authenticate } from './bedrockAuth';
import { sendAwsError, validationError } from './bedrockErrors';
import { CLAUDE_FOUNDATIONS } from './bedrockModels';
import type { ReceivedRequest } from './recording';

/** An entry of `inferenceProfileSummaries`, as AWS sends it. */
export interface FakeInferenceProfile {
  readonly inferenceProfileId: string;
  readonly inferenceProfileName: string;
  readonly inferenceProfileArn: string;
  readonly description: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly status: 'ACTIVE' | string;
  readonly type: 'SYSTEM_DEFINED' | 'APPLICATION';
  readonly models: readonly { readonly modelArn: string }[];
}

/** The account the fake's profile ARNs name. */
export const FAKE_ACCOUNT = '123456789012';
/** The largest `maxResults` AWS takes. */
export const MAX_PROFILE_RESULTS = 1000;

/** The regions a geography's profile routes to (a few of AWS's own). */
const ROUTES: Readonly<Record<string, readonly string[]>> = {
  us: ['us-east-1', 'us-east-2', 'us-west-2'],
  eu: ['eu-central-1', 'eu-west-1', 'eu-west-3', 'eu-north-1'],
  apac: ['ap-northeast-1', 'ap-southeast-2', 'ap-south-1'],
  global: ['us-east-1', 'eu-west-1', 'ap-northeast-1'],
};
const PREFIX_NAMES: Readonly<Record<string, string>> = { us: 'US', eu: 'EU', apac: 'APAC', global: 'Global' };

/** A system-defined profile of `foundation` (`anthropic.claude-opus-5-5`) for a geography, as the account in `region` lists it. */
export function inferenceProfile(geography: string, foundation: string, name: string, region = 'us-east-1', overrides: Partial<FakeInferenceProfile> = {}): FakeInferenceProfile {
  const id = `${geography}.${foundation}`;
  const prefix = PREFIX_NAMES[geography] ?? geography.toUpperCase();
  return {
    inferenceProfileId: id,
    inferenceProfileName: `${prefix} ${name}`,
    inferenceProfileArn: `arn:aws:bedrock:${region}:${FAKE_ACCOUNT}:inference-profile/${id}`,
    description: `Routes requests to ${name} in ${(ROUTES[geography] ?? [region]).join(', ')}.`,
    createdAt: '2026-01-15T00:00:00Z',
    updatedAt: '2026-01-15T00:00:00Z',
    status: 'ACTIVE',
    type: 'SYSTEM_DEFINED',
    models: (ROUTES[geography] ?? [region]).map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${foundation}` })),
    ...overrides,
  };
}


/** What us-east-1 lists at first: each Claude model as a `us.`, `eu.` and `global.` profile, and two profiles of other vendors. */
export function defaultProfiles(region = 'us-east-1'): FakeInferenceProfile[] {
  const claude = ['us', 'eu', 'global'].flatMap((geography) => CLAUDE_FOUNDATIONS.map(([foundation, name]) => inferenceProfile(geography, foundation, name, region)));
  return [...claude, inferenceProfile('us', 'amazon.nova-pro-v1:0', 'Nova Pro', region), inferenceProfile('us', 'meta.llama4-maverick-17b-instruct-v1:0', 'Llama 4 Maverick 17B Instruct', region)];
}

/** What the fake's listing is set up with (`fake.bedrock`). */
export interface ProfileListing extends BedrockAuthSettings {
  readonly profiles: readonly FakeInferenceProfile[];
  /** The most profiles one page holds, whatever `maxResults` asks (AWS decides its pages too). */
  readonly profilePageSize: number;
  /** The caller may not list profiles: 403 AccessDeniedException. */
  readonly listingDenied: boolean;
}

export const isProfilesRoute = (method: string, path: string): boolean => method === 'GET' && /\/inference-profiles$/.test(path);

const deniedMessage = (region: string) =>
  `User: arn:aws:iam::${FAKE_ACCOUNT}:user/fake-developer is not authorized to perform: bedrock:ListInferenceProfiles on resource: arn:aws:bedrock:${region}:${FAKE_ACCOUNT}:inference-profile/* because no identity-based policy allows the bedrock:ListInferenceProfiles action`;

const tokenFor = (offset: number) => Buffer.from(JSON.stringify({ offset })).toString('base64');

function offsetOf(token: string): number | undefined {
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown }).offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset > 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** Answers ListInferenceProfiles: authentication, AWS's checks of the parameters, then one page. */
export function serveProfiles(received: ReceivedRequest, res: ServerResponse, listing: ProfileListing): void {
  const { record, raw, query } = received;
  const auth = authenticate({ method: record.method, rawPath: record.fullPath, query, headers: record.headers, body: raw }, listing);
  if (!('kind' in auth)) return sendAwsError(res, auth);
  if (listing.listingDenied) return sendAwsError(res, { status: 403, type: 'AccessDeniedException', message: deniedMessage(listing.region) });
  const maxResults = query.get('maxResults');
  const size = maxResults === null ? MAX_PROFILE_RESULTS : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PROFILE_RESULTS) {
    return sendAwsError(res, validationError(`1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_PROFILE_RESULTS}`}`));
  }
  const type = query.get('type');
  if (type !== null && type !== 'SYSTEM_DEFINED' && type !== 'APPLICATION') {
    return sendAwsError(res, validationError(`1 validation error detected: Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`));
  }
  const token = query.get('nextToken');
  const offset = token === null ? 0 : offsetOf(token);
  if (offset === undefined) return sendAwsError(res, validationError('Invalid pagination token.'));
  const matching = listing.profiles.filter((p) => type === null || p.type === type);
  const end = offset + Math.min(size, listing.profilePageSize);
  const page = { inferenceProfileSummaries: matching.slice(offset, end), ...(end < matching.length ? { nextToken: tokenFor(end) } : {}) };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(page));
}
