/** Checks an API key as typed or pasted into Set API Key, before it is stored. */
import * as l10n from '@vscode/l10n';
import { formatNumber } from '../l10n/format';

/** What is wrong with `value` as an API key (after trimming), or undefined when it can be used (for the person, translated). */
export function apiKeyProblem(value: string): string | undefined {
  const key = value.trim();
  if (!key) return l10n.t('Enter a key, or press Escape to cancel.');
  // The key travels in an HTTP header, which carries visible ASCII only: anything else fails every
  // request later as "Could not reach the API", far from its cause.
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code >= 0x21 && code <= 0x7e) continue;
    const point = key.codePointAt(i) ?? code;
    const char = String.fromCodePoint(point);
    const name = `U+${point.toString(16).toUpperCase().padStart(4, '0')}`;
    const shown = /[\s\p{C}]/u.test(char) ? name : `"${char}" (${name})`;
    return l10n.t(
      'The key contains {0} at position {1}. A key is sent in an HTTP header, which carries only visible ASCII characters: paste the key again exactly as issued (no spaces, no "…").',
      shown,
      formatNumber(i + 1),
    );
  }
  return undefined;
}

/** The key as stored: trimmed; throws when it cannot be used, with the same message the input box shows. */
export function checkedApiKey(value: string): string {
  const problem = apiKeyProblem(value);
  if (problem) throw new Error(problem);
  return value.trim();
}
