/**
 * Which settings a workspace settings file sets. In Restricted Mode VS Code hides the workspace
 * values of restricted settings from extensions altogether (`inspect` shows none), so the only way
 * to tell the user they are being ignored is to read the files.
 */

/** The text without comments and trailing commas (settings files are JSON with comments). */
export function stripJsonComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      if ((c === '}' || c === ']') && /,\s*$/.test(out)) out = out.replace(/,\s*$/, '');
      out += c;
      i++;
    }
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every dotted name an object sets, and every prefix of it: `{"a.b": {"c": 1}}` gives a, a.b, a.b.c. */
function names(value: Record<string, unknown>, prefix: string, into: Set<string>): void {
  for (const [key, child] of Object.entries(value)) {
    if (!prefix && /^\[.*\]$/.test(key)) {
      if (isObject(child)) names(child, '', into); // a language block: "[python]": { … }
      continue;
    }
    const name = prefix ? `${prefix}.${key}` : key;
    const parts = name.split('.');
    for (let n = 1; n <= parts.length; n++) into.add(parts.slice(0, n).join('.'));
    if (isObject(child)) names(child, name, into);
  }
}

/**
 * The setting names a settings file sets (`.vscode/settings.json`; `under: 'settings'` for a
 * `.code-workspace` file). VS Code reads a broken file as far as it can, so one that does not
 * parse still counts every quoted name followed by a colon.
 */
export function settingNames(text: string, under?: string): Set<string> {
  const found = new Set<string>();
  const stripped = stripJsonComments(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripped);
  } catch {
    for (const match of stripped.matchAll(/"((?:[^"\\]|\\.)*)"\s*:/g)) names({ [match[1]]: true }, '', found);
    return found;
  }
  const settings = under && isObject(parsed) ? parsed[under] : parsed;
  if (isObject(settings)) names(settings, '', found);
  return found;
}

/** The restricted settings among `set`, in the order of `restricted`. */
export function restrictedIn(set: ReadonlySet<string>, restricted: readonly string[]): string[] {
  return restricted.filter((key) => set.has(key));
}
