import { notPlain } from './plainCommand';

/**
 * Reads a shell command line well enough to decide whether the person's allowed prefixes cover it.
 * It is not a shell parser: whenever it is unsure (an unclosed quote, a substitution, a write to a
 * file, a heredoc) the answer is "ask", never "allowed". Nothing Claude puts in the tool input
 * can change that answer: only the command text is read, and only the person's list decides.
 */

/** What the allowlist needs to know about one command line. */
export interface CommandLine {
  /** The simple commands between `&&`, `||`, `;`, `|`, `|&`, `&` and newlines, trimmed, empty ones left out. */
  readonly parts: readonly string[];
  /** `$(…)`, `$((…))`, backticks, `<(…)` or `>(…)`: text that runs something the prefix does not show. */
  readonly substitution: boolean;
  /** Output written into a file (`>`, `>>`, `>|`, `&>`, `2>`, `<>`); `>/dev/null` and `2>&1` are not. */
  readonly fileRedirect: boolean;
  /** A `<<` heredoc: its body is input the prefix does not describe (and may hold substitutions). */
  readonly heredoc: boolean;
  /** A quote, `$(` or heredoc never closed: the shell would read it differently. */
  readonly unterminated: boolean;
}

/**
 * Writing to these is harmless: nothing on disk changes. `/dev/tcp/…` and every other path count as
 * a file, so `>/dev/null` keeps `npm test >/dev/null` allowable while `> out.txt` always asks.
 */
const HARMLESS_TARGETS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr']);
const WORD_END = /[\s;&|<>()]/;
/** Redirection operators, longest first so `>>` is not read as `>`. */
const REDIRECTIONS = ['&>>', '<<<', '<<-', '&>', '>>', '>|', '>&', '<>', '<<', '<&', '>', '<'];

class Scanner {
  readonly parts: string[] = [];
  substitution = false;
  fileRedirect = false;
  heredoc = false;
  unterminated = false;
  private current = '';
  /** The last character taken was an unescaped space or tab (so a `#` now starts a comment). */
  private blank = false;
  private i = 0;
  private readonly heredocs: Array<{ delimiter: string; stripTabs: boolean }> = [];

  constructor(private readonly s: string) {}

  run(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i];
      const next = s[this.i + 1];
      const wordStart = this.atWordStart();
      this.blank = false;
      if (c === '\\') {
        if (next === '\n') this.i += 2; // a line continuation joins the lines
        else this.take(2);
      } else if (c === "'") this.quoted("'", false);
      else if (c === '$' && next === "'") this.quoted("'", true, 1);
      else if (c === '"') this.doubleQuoted();
      else if (c === '`') this.backtick();
      else if (c === '$' && next === '(') {
        this.substitution = true;
        this.take(2);
      } else if ((c === '<' || c === '>') && next === '(') {
        this.substitution = true;
        this.take(2);
      } else if (c === '#' && wordStart) this.comment();
      else if (c === '\n') this.newline();
      else if (c === ';' || c === '|' || (c === '&' && next !== '>')) this.operator();
      else if (c === '>' || c === '<' || (c === '&' && next === '>')) this.redirect();
      else {
        this.take(1);
        this.blank = c === ' ' || c === '\t';
      }
    }
    this.endPart();
    if (this.heredocs.length) this.unterminated = true;
  }

  private take(n: number): void {
    this.current += this.s.slice(this.i, this.i + n);
    this.i += n;
  }

  /** Only an unescaped space or tab (or an operator) starts a word: `test\r#` and `a\ #` are one word to the shell, not a comment. */
  private atWordStart(): boolean {
    return this.current === '' || this.blank;
  }

  private endPart(): void {
    const part = this.current.trim();
    if (part) this.parts.push(part);
    this.current = '';
  }

  /** '…' (nothing escapes) or $'…' (backslash escapes anything, the quote included). */
  private quoted(quote: string, escapes: boolean, lead = 0): void {
    const start = this.i;
    this.i += lead + 1;
    while (this.i < this.s.length && this.s[this.i] !== quote) this.i += escapes && this.s[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.s.length) this.unterminated = true;
    this.i++;
    this.current += this.s.slice(start, this.i);
  }

  /** "…": backslash escapes; `$(` and backticks inside still run commands. */
  private doubleQuoted(): void {
    const start = this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      const c = this.s[this.i];
      if (c === '`' || (c === '$' && this.s[this.i + 1] === '(')) this.substitution = true;
      this.i += c === '\\' ? 2 : 1;
    }
    if (this.i >= this.s.length) this.unterminated = true;
    this.i++;
    this.current += this.s.slice(start, this.i);
  }

  private backtick(): void {
    this.substitution = true;
    const start = this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '`') this.i += this.s[this.i] === '\\' ? 2 : 1;
    if (this.i >= this.s.length) this.unterminated = true;
    this.i++;
    this.current += this.s.slice(start, this.i);
  }

  /** A comment runs to the end of the line; a quote inside it must not swallow the next line. */
  private comment(): void {
    while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
  }

  private operator(): void {
    const two = this.s.slice(this.i, this.i + 2);
    this.i += two === '&&' || two === '||' || two === '|&' || two === ';;' || two === ';&' ? 2 : 1;
    this.endPart();
  }

  /** A newline ends the part; a pending heredoc's body starts on the next line and is skipped. */
  private newline(): void {
    this.i++;
    this.endPart();
    for (const { delimiter, stripTabs } of this.heredocs.splice(0)) {
      let closed = false;
      while (this.i < this.s.length && !closed) {
        const end = this.s.indexOf('\n', this.i);
        const line = this.s.slice(this.i, end < 0 ? this.s.length : end);
        this.i = end < 0 ? this.s.length : end + 1;
        closed = (stripTabs ? line.replace(/^\t+/, '') : line) === delimiter;
      }
      if (!closed) this.unterminated = true;
    }
  }

  /** `>`, `>>`, `>|`, `&>`, `&>>`, `N>`, `>&N`, `<`, `<>`, `<<`, `<<-`, `<<<`; the fd digits are already taken into the part. */
  private redirect(): void {
    const op = REDIRECTIONS.find((r) => this.s.startsWith(r, this.i)) ?? this.s[this.i];
    this.i += op.length;
    this.current += op + ' ';
    if (op === '<<' || op === '<<-') {
      this.heredoc = true;
      const word = this.word();
      this.current += word;
      this.heredocs.push({ delimiter: word.replace(/["'\\]/g, ''), stripTabs: op === '<<-' });
      return;
    }
    const target = this.word();
    this.current += target;
    if (op === '<' || op === '<<<' || op === '<&') return; // reads only
    if (op === '>&' && /^(\d+-?|-)$/.test(target)) return; // duplicates or closes a descriptor (2>&1); `>&file` writes a file
    if (!HARMLESS_TARGETS.has(target)) this.fileRedirect = true;
  }

  /** The next word as written (quotes kept), after blanks; empty at an operator. */
  private word(): string {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
    const start = this.i;
    while (this.i < this.s.length && !WORD_END.test(this.s[this.i])) {
      const c = this.s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === "'" || c === '"') {
        const close = this.s.indexOf(c, this.i + 1);
        if (close < 0) {
          this.unterminated = true;
          this.i = this.s.length;
        } else this.i = close + 1;
      } else {
        if (c === '$' || c === '`') this.substitution ||= c === '`' || this.s[this.i + 1] === '(';
        this.i++;
      }
    }
    return this.s.slice(start, this.i);
  }
}

/** Splits a command line into its simple commands and notes what makes it unsafe to allow by prefix. */
export function parseCommandLine(command: string): CommandLine {
  const scanner = new Scanner(command);
  scanner.run();
  const { parts, substitution, fileRedirect, heredoc, unterminated } = scanner;
  return { parts, substitution, fileRedirect, heredoc, unterminated };
}

/** The words of a simple command, split where the shell splits: unquoted spaces, tabs and newlines (quotes kept as written). */
export function wordsOf(part: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (quote) {
      if (c === '\\' && quote === '"') word += part[i++];
      if (c === quote) quote = undefined;
      word += part[i];
    } else if (c === '\\') word += c + (part[++i] ?? '');
    else if (c === ' ' || c === '\t' || c === '\n') {
      if (word) words.push(word);
      word = '';
    } else {
      if (c === '"' || c === "'") quote = c;
      word += c;
    }
  }
  if (word) words.push(word);
  return words;
}

/** True when `part`'s first words are exactly `prefix`'s words (`npm test` covers `npm test -- -g x`, not `npm testing`). */
function startsWithPrefix(part: string, prefix: string): boolean {
  const want = wordsOf(prefix.trim());
  if (!want.length) return false;
  const have = wordsOf(part);
  return want.every((w, i) => have[i] === w);
}

/**
 * The person's prefixes that let `command` run without asking (one per part, in order, without
 * repeats), or undefined when it must ask: a part no prefix covers, a substitution, a write into a
 * file, a heredoc, an unclosed quote. An environment assignment in front (`NODE_OPTIONS=… npm
 * test`) is part of the command: it can make an allowed program run anything, so only a prefix
 * that includes it covers it.
 */
export function allowedBy(command: string, prefixes: readonly string[]): string[] | undefined {
  const line = parseCommandLine(command);
  if (line.substitution || line.fileRedirect || line.heredoc || line.unterminated || !line.parts.length) return undefined;
  if (line.parts.some((part) => notPlain(part) !== undefined)) return undefined;
  const used: string[] = [];
  for (const part of line.parts) {
    const prefix = prefixes.find((p) => p.trim() && startsWithPrefix(part, p));
    if (prefix === undefined) return undefined;
    if (!used.includes(prefix.trim())) used.push(prefix.trim());
  }
  return used;
}

/** True only when every part of `command` starts with one of `prefixes` at a word boundary and nothing in it runs or writes what they do not show. */
export function matchesAllowlist(command: string, prefixes: readonly string[]): boolean {
  return allowedBy(command, prefixes) !== undefined;
}


/** The program each part runs (its first word after any `NAME=value` in front), for checking what that name means in the shell. */
export function programsOf(command: string): string[] {
  return parseCommandLine(command).parts.flatMap((part) => wordsOf(part).find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w)) ?? []);
}
