/**
 * The environment a command runs in: the person's own, minus every credential the extension uses,
 * so a command Claude writes (`env`, `curl -H "x-api-key: $ANTHROPIC_API_KEY"`) cannot read them.
 */

/**
 * Variables that hold a credential the extension reads: the Anthropic API's, and the clouds' it
 * reaches Claude through (AWS keys and session token, a Bedrock API key, a Foundry key). A command
 * that needs AWS still finds the person's profiles in ~/.aws. GOOGLE_APPLICATION_CREDENTIALS is a
 * path, not a secret, and stays (gcloud and the Google libraries in a command need it).
 */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_BEARER_TOKEN_BEDROCK',
  'ANTHROPIC_FOUNDRY_API_KEY',
];

/** Shorter values are not searched for: they would match unrelated variables by chance. */
const MIN_SECRET_LENGTH = 8;

/**
 * `env` without the credential variables (in any letter case: Windows reads them so) and without
 * any variable whose value contains one of `secrets` (the stored key, a custom header's token).
 */
export function shellEnvironment(env: Readonly<Record<string, string | undefined>>, secrets: readonly string[]): Record<string, string> {
  const names = new Set(CREDENTIAL_VARIABLES.map((n) => n.toUpperCase()));
  const values = secrets.map((s) => s.trim()).filter((s) => s.length >= MIN_SECRET_LENGTH);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || names.has(name.toUpperCase())) continue;
    if (values.some((secret) => value.includes(secret))) continue;
    out[name] = value;
  }
  return out;
}
