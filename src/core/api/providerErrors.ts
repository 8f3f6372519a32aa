/**
 * Missing or expired cloud credentials, said as the fix: the command or setting that mends them.
 * The clouds' SDKs throw their own errors (the AWS credential chain, Google's auth library, a
 * Foundry client without its resource or key); the request never went, so the text is kept.
 */
import * as l10n from '@vscode/l10n';
import type { ProviderOptions } from './providerOptions';

/** A provider that cannot make a request until the person fixes its credentials or settings; `message` is for them. */
export class ProviderSetupProblem extends Error {
  constructor(
    message: string,
    /** The provider's own words. */
    readonly detail: string,
  ) {
    super(message);
  }
}

const AWS_MISSING = /could not load credentials|no credentials|unable to load credentials/i;
const AWS_EXPIRED = /sso session .*(?:expired|invalid)|token (?:has )?expired|expiredtoken|security token included in the request is (?:expired|invalid)|refresh.*token.*(?:expired|invalid)/i;
const GOOGLE_MISSING = /could not load the default credentials|default credentials/i;
const GOOGLE_EXPIRED = /invalid_grant|reauth|token has been expired or revoked|invalid_rapt/i;
const GOOGLE_PROJECT = /project ?id/i;
const FOUNDRY_RESOURCE = /`?baseURL`? or `?resource`?|ANTHROPIC_FOUNDRY_RESOURCE/i;
const FOUNDRY_KEY = /apiKey|ANTHROPIC_FOUNDRY_API_KEY|azureADTokenProvider|missing credentials/i;

function textOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` ${err.cause.message}` : '';
  return `${message}${cause}`.trim();
}

/** The fix for `err`, when it is a credentials or setup problem of the provider; undefined otherwise. */
export function providerSetupProblem(err: unknown, options: ProviderOptions): ProviderSetupProblem | undefined {
  const said = textOf(err);
  const fix = (message: string) => new ProviderSetupProblem(message, said);
  switch (options.provider) {
    case 'bedrock': {
      const profile = options.profile;
      if (AWS_EXPIRED.test(said)) {
        return fix(profile
          ? l10n.t('Your AWS sign-in for the profile "{0}" has expired. Run `aws sso login --profile {0}`, then send again.', profile)
          : l10n.t('Your AWS sign-in has expired. Run `aws sso login` (or refresh the credentials in your environment), then send again.'));
      }
      if (AWS_MISSING.test(said)) {
        return fix(profile
          ? l10n.t('No AWS credentials were found for the profile "{0}". Run `aws configure --profile {0}` (or `aws sso login --profile {0}`), then send again.', profile)
          : l10n.t('No AWS credentials were found. Run `aws configure` or `aws sso login`, or name a profile in `claudeChat.bedrock.profile`, then send again.'));
      }
      return undefined;
    }
    case 'vertex':
      if (GOOGLE_EXPIRED.test(said)) return fix(l10n.t('Your Google Cloud sign-in has expired. Run `gcloud auth application-default login`, then send again.'));
      if (GOOGLE_MISSING.test(said)) return fix(l10n.t('No Google Cloud credentials were found. Run `gcloud auth application-default login` (or set GOOGLE_APPLICATION_CREDENTIALS to a service account file), then send again.'));
      if (GOOGLE_PROJECT.test(said) && !options.projectId) return fix(l10n.t('No Google Cloud project is set. Set `claudeChat.vertex.projectId` to your project, then send again.'));
      return undefined;
    case 'foundry':
      if (FOUNDRY_RESOURCE.test(said) && !options.resource) return fix(l10n.t('No Foundry resource is set. Set `claudeChat.foundry.resource` to your resource name, then send again.'));
      if (FOUNDRY_KEY.test(said)) {
        return fix(options.entraId
          ? l10n.t('Could not sign in to Microsoft Entra ID for Foundry. Sign in with your Microsoft account in VS Code (Accounts menu), then send again.')
          : l10n.t('No Foundry API key is set. Run Claude: Set API Key with your Foundry key, or set `claudeChat.foundry.auth` to `entraId`, then send again.'));
      }
      return undefined;
    case 'anthropic':
      return undefined;
  }
}
