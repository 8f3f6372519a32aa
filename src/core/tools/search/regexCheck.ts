/**
 * Checks a `grep` pattern before anything runs. ripgrep's regex syntax (Rust's) and JavaScript's
 * agree on most patterns: where a pattern uses nothing that only Rust knows, JavaScript's verdict
 * is ripgrep's, and a broken pattern is reported at once. Patterns with Rust-only syntax are left
 * to ripgrep, whose own error text reaches Claude. Look-around and backreferences are JavaScript
 * features ripgrep refuses, so they are refused here with ripgrep's reason.
 */

export type RegexVerdict = { readonly kind: 'valid' } | { readonly kind: 'invalid'; readonly error: string } | { readonly kind: 'ripgrepDecides' };

/** Inline flags, named groups in Rust's spelling, POSIX classes, `\A`, `\z`, one-letter Unicode classes. */
const RUST_ONLY = /\(\?[a-zA-Z-]+[):]|\(\?P<|\[\[:|\\[Azp]|\\P/;

export function checkRegex(pattern: string): RegexVerdict {
  const unsupported = findUnsupported(pattern);
  if (unsupported) return { kind: 'invalid', error: `${unsupported} not supported by ripgrep's regex syntax; rewrite the pattern without ${unsupported === 'backreferences are' ? 'them' : 'it'}` }; // not localized: sent to Claude
  if (RUST_ONLY.test(pattern)) return { kind: 'ripgrepDecides' };
  try {
    new RegExp(pattern);
    return { kind: 'valid' };
  } catch (err) {
    // A repetition of a repetition (`a**`, `a{2}{3}`) is an error in JavaScript only.
    if (/[*+?}][*+?{]/.test(pattern)) return { kind: 'ripgrepDecides' };
    return { kind: 'invalid', error: (err as Error).message };
  }
}

/** "look-around is" or "backreferences are" when the pattern uses them, outside character classes and escapes. */
function findUnsupported(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && pattern[i + 2] === '<'))) return 'backreferences are'; // not localized: sent to Claude
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && /^\?(?:=|!|<=|<!)/.test(pattern.slice(i + 1, i + 4))) {
      return 'look-around is'; // not localized: sent to Claude
    }
  }
  return undefined;
}

const POSIX: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: '\\s',
  word: '\\w',
  xdigit: '0-9A-Fa-f',
  punct: '!-\\/:-@\\[-`{-~',
};

/**
 * The pattern as a JavaScript RegExp for the built-in searcher (no ripgrep): the common Rust-only
 * spellings translated (a leading `(?i)`, `(?P<name>`, `\A`, `\z`, POSIX classes), or an error.
 */
export function toJsRegex(pattern: string, ignoreCase: boolean): RegExp | { readonly error: string } {
  let source = pattern;
  let flags = ignoreCase ? 'i' : '';
  const inline = /^\(\?([a-z]+)\)/.exec(source);
  if (inline && /^[ismU]+$/.test(inline[1])) {
    if (inline[1].includes('i')) flags = 'i';
    if (inline[1].includes('s')) flags += 's';
    if (inline[1].includes('m')) flags += 'm';
    source = source.slice(inline[0].length);
  }
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$')
    .replace(/\[:(\^?)([a-z]+):\]/g, (whole, negate: string, name: string) => (POSIX[name] && !negate ? POSIX[name] : whole));
  try {
    return new RegExp(source, `${flags}u`); // \p{L} and friends need the unicode flag
  } catch {
    try {
      return new RegExp(source, flags); // identity escapes such as \: need it off
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
}
