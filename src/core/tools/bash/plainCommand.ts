/**
 * The second gate of the allowlist: a part runs by prefix only when it is plain, so that what the
 * person allowed is all it can do. The scanner in commandLine.ts splits a line; this check refuses
 * anything in a part that could run, define or redirect what the prefix does not show. When in
 * doubt it refuses: the card then asks, which is always safe.
 */

/** Outside quotes: letters, digits and the punctuation of paths, options and values (no glob, expansion, escape, grouping or redirection). */
const PLAIN_CHARS = /^[A-Za-z0-9_./:=@%+,~-]+$/;
/** Inside quotes: anything printable but `$`, backticks, backslashes and `!` (a builtin can expand `$(…)` in a quoted name, e.g. `test -v 'a[$(x)]'`). */
const QUOTED_CHARS = /^[^$`\\!\p{Cc}\p{Cf}]*$/u;
/** The redirections a plain part may carry: output thrown away or joined (`2>&1`, `>/dev/null`); never a file, never input. */
const HARMLESS_REDIRECT = /^(?:\d?>{1,2}|&>{1,2})\/dev\/(?:null|stdout|stderr)$|^\d?>&[12-]$/;

/**
 * Shell builtins and keywords: as the first word they can define functions, change the shell for
 * later commands (`export`, `alias`, `trap`, `set`, `cd` into a hook…), run strings (`eval`,
 * `source`, `mapfile -C`) or expand arithmetic that runs commands. Only these few are harmless.
 */
const SAFE_BUILTINS = new Set(['cd', 'echo', 'pwd', 'true', 'false', 'type']);
const BUILTINS = new Set([
  '.', ':', '[', '[[', 'alias', 'bg', 'bind', 'break', 'builtin', 'caller', 'case', 'cd', 'command', 'compgen', 'complete', 'compopt',
  'continue', 'coproc', 'declare', 'dirs', 'disown', 'do', 'done', 'echo', 'elif', 'else', 'enable', 'esac', 'eval', 'exec', 'exit',
  'export', 'false', 'fc', 'fg', 'fi', 'for', 'function', 'getopts', 'hash', 'help', 'history', 'if', 'in', 'jobs', 'kill', 'let',
  'local', 'logout', 'mapfile', 'popd', 'printf', 'pushd', 'pwd', 'read', 'readarray', 'readonly', 'return', 'select', 'set', 'shift',
  'shopt', 'source', 'suspend', 'test', 'then', 'time', 'times', 'trap', 'true', 'type', 'typeset', 'ulimit', 'umask', 'unalias',
  'unset', 'until', 'wait', 'while', '{', '}', '!',
]);

/** Options that make an allowed tool run a command or load code of the caller's choice (git's config and pack programs, npm's shell and node options). */
const RUNS_CODE = /^(?:-c|--config-env(?:=.*)?|--upload-pack(?:=.*)?|--receive-pack(?:=.*)?|--exec(?:=.*)?|--exec-path(?:=.*)?|--node-options(?:=.*)?|--script-shell(?:=.*)?)$/;

/** The words of a part as the shell sees them, or undefined when something in it is not plain. */
function plainWords(part: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < part.length; ) {
    const c = part[i];
    if (c === ' ' || c === '\t') {
      if (word) words.push(word);
      word = '';
      i++;
    } else if (c === "'" || c === '"') {
      const close = part.indexOf(c, i + 1);
      if (close < 0) return undefined;
      const inside = part.slice(i + 1, close);
      if (!QUOTED_CHARS.test(inside)) return undefined;
      word += part.slice(i, close + 1);
      i = close + 1;
    } else {
      let j = i;
      while (j < part.length && !/[ \t'"]/.test(part[j])) j++;
      word += part.slice(i, j);
      i = j;
    }
  }
  if (word) words.push(word);
  return words;
}

/** True when `word` (quotes kept) is plain: plain characters outside quotes, and quotes only as whole-value strings. */
function isPlainWord(word: string): boolean {
  const outside = word.replace(/'[^']*'|"[^"]*"/g, '');
  return outside === '' || PLAIN_CHARS.test(outside) || HARMLESS_REDIRECT.test(word);
}

/**
 * Why a part cannot run by prefix, or undefined when it is plain: every word plain, no builtin or
 * keyword first (but a few harmless ones), no option that runs code, no redirection but into
 * /dev/null or between stdout and stderr.
 */
export function notPlain(part: string): string | undefined {
  // The scanner writes a redirection as `op target`: join them back into one word.
  const words = plainWords(part.replace(/(\d?>{1,2}|&>{1,2}|\d?>&)\s+/g, '$1'));
  if (!words?.length) return 'it has characters that could run or expand something'; // not localized: never shown (only whether a part is plain counts)
  const bad = words.find((w) => !isPlainWord(w));
  if (bad !== undefined) return `\`${bad}\` could run, expand or redirect something`; // not localized: never shown (only whether a part is plain counts)
  const first = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? '';
  if (BUILTINS.has(first) && !SAFE_BUILTINS.has(first)) return `\`${first}\` is a shell builtin that can change the shell or run code`; // not localized: never shown (only whether a part is plain counts)
  if (/[*?[\]]/.test(first)) return 'its program name is a pattern'; // not localized: never shown (only whether a part is plain counts)
  const option = words.find((w) => RUNS_CODE.test(w.replace(/^(['"])(.*)\1$/, '$2')));
  if (option !== undefined) return `\`${option}\` makes the program run code of its own`; // not localized: never shown (only whether a part is plain counts)
  return undefined;
}
