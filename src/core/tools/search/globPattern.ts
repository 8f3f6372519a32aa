/**
 * Globs as ripgrep reads them (gitignore style): `*` and `?` stay inside one path segment, `**`
 * spans segments, `[a-z]` and `[!a-z]` are classes, `{ts,tsx}` alternatives (not nested), `\`
 * escapes. A glob without a `/` matches a name at any depth; one with a `/` is anchored at the
 * folder it is relative to. Used to reject a bad glob before any search runs (with ripgrep's own
 * wording) and by the built-in fallback searcher to match paths the way ripgrep would.
 */

export type CompiledGlob = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly error: string };

const SPECIAL = /[.+^$()|\\/]/;

/**
 * Compiles `glob` to a RegExp over file paths relative to its folder (forward slashes), or says
 * what is wrong with it. As ripgrep does, a glob that selects files matches file paths only,
 * while an exclusion also covers everything inside a directory it matches.
 */
export function compileGlob(glob: string, use: 'select' | 'exclude' = 'select'): CompiledGlob {
  if (glob.length === 0) return { ok: false, error: 'the glob is empty' }; // not localized: sent to Claude
  let body = glob.startsWith('/') ? glob.slice(1) : glob.replace(/^\.\//, '');
  const dirOnly = body.endsWith('/') && body.length > 1;
  if (dirOnly) body = body.slice(0, -1);
  const anchored = glob.startsWith('/') || body.includes('/');
  let out = '';
  let inAlternates = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '*') {
      if (body[i + 1] === '*') {
        const atStart = i === 0 || body[i - 1] === '/';
        const atEnd = i + 2 === body.length || body[i + 2] === '/';
        if (atStart && atEnd) {
          i += 1;
          if (body[i + 1] === '/') {
            out += '(?:[^/]*/)*';
            i += 1;
          } else out += '.*';
          continue;
        }
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = classEnd(body, i);
      if (end < 0) return { ok: false, error: "unclosed character class; missing ']'" }; // not localized: sent to Claude
      let inner = body.slice(i + 1, end);
      const negated = inner.startsWith('!') || inner.startsWith('^');
      if (negated) inner = inner.slice(1);
      const range = /(.)-(.)/.exec(inner);
      if (range && range[1] > range[2]) return { ok: false, error: `invalid range; '${range[1]}' > '${range[2]}'` }; // not localized: sent to Claude
      out += `[${negated ? '^/' : ''}${inner.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else if (c === '{') {
      if (inAlternates) return { ok: false, error: 'nested alternate groups are not allowed' }; // not localized: sent to Claude
      inAlternates = true;
      out += '(?:';
    } else if (c === '}' && inAlternates) {
      inAlternates = false;
      out += ')';
    } else if (c === ',' && inAlternates) {
      out += '|';
    } else if (c === '\\') {
      if (i + 1 >= body.length) return { ok: false, error: "dangling '\\'" };
      out += escape(body[++i]);
    } else {
      out += escape(c);
    }
  }
  if (inAlternates) return { ok: false, error: "unclosed alternate group; missing '}' (maybe escape '{' with '[{]'?)" }; // not localized: sent to Claude
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = use === 'select' ? (dirOnly ? '/(?!)' : '$') : dirOnly ? '/' : '(?:/|$)';
  return { ok: true, regex: new RegExp(`${prefix}${out}${suffix}`) };
}

/** The index of the `]` closing the class opened at `start`, or -1 (a `]` right after `[` or `[!` is literal). */
function classEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) if (glob[i] === ']') return i;
  return -1;
}

const escape = (c: string) => (SPECIAL.test(c) || c === '*' || c === '?' || c === '[' || c === ']' || c === '{' || c === '}' ? `\\${c}` : c);
