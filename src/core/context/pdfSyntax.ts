/**
 * The PDF object syntax as far as a page count needs it: numbers, names, references, arrays,
 * dictionaries (strings are skipped), read from a text that holds the bytes as latin1 so positions
 * are byte offsets. Parsing charges a shared work budget and stops at a nesting limit, so a hostile
 * file cannot make it run long or deep.
 */
export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(readonly num: number) {}
}
/** A string: its contents are never needed, only that it was one. */
export class Str {
  readonly kind = 'string';
}
const STRING = new Str();
export type Value = number | boolean | null | Str | Name | Ref | Value[] | Map<string, Value>;

/** Thrown when the work budget runs out. */
export class Exhausted extends Error {}

/** Units of work (characters read, tokens, entries scanned) left for one file. */
export class Budget {
  constructor(private work: number) {}

  spend(units: number): void {
    this.work -= units;
    if (this.work < 0) throw new Exhausted();
  }
}

const MAX_DEPTH = 64;

const isWhite = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0 || c === 12;
const isDigit = (c: number) => c >= 48 && c <= 57;
/** Whitespace or one of ( ) < > [ ] { } / % */
const isDelimiter = (c: number) => isWhite(c) || c === 40 || c === 41 || c === 60 || c === 62 || c === 91 || c === 93 || c === 123 || c === 125 || c === 47 || c === 37;
const NUMBER = /[+-]?(?:\d+\.?\d*|\.\d+)/y;
const REF_TAIL = /[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+R(?![^\0\t\n\f\r ()<>[\]{}/%])/y;
const KEYWORD = /[A-Za-z]+/y;
const NAME = /[^\0\t\n\f\r ()<>[\]{}/%]*/y;

/** Reads PDF objects from a text (bytes as latin1) at a position, charging the shared work budget. */
export class Parser {
  constructor(
    private readonly text: string,
    public pos: number,
    private readonly budget: Budget,
  ) {}

  private spend(units: number): void {
    this.budget.spend(units);
  }

  skipSpace(): void {
    const { text } = this;
    const start = this.pos;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (isWhite(c)) this.pos++;
      else if (c === 37 /* % */) {
        const eol = text.slice(this.pos, this.pos + 4096).search(/[\r\n]/);
        this.pos = eol < 0 ? Math.min(text.length, this.pos + 4096) : this.pos + eol;
      } else break;
    }
    this.spend(1 + this.pos - start);
  }

  private sticky(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos;
    const match = pattern.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    this.spend(match[0].length);
    return match[0];
  }

  /** The next object, or undefined where there is none (a keyword such as `stream`, a syntax error). */
  value(depth = 0): Value | undefined {
    if (depth > MAX_DEPTH) return undefined;
    this.skipSpace();
    const { text } = this;
    const c = text[this.pos];
    if (c === '<' && text[this.pos + 1] === '<') return this.dict(depth);
    if (c === '<') return this.skipTo('>');
    if (c === '(') return this.literalString();
    if (c === '[') {
      this.pos++;
      const items: Value[] = [];
      for (;;) {
        this.skipSpace();
        if (text[this.pos] === ']') {
          this.pos++;
          return items;
        }
        const item = this.value(depth + 1);
        if (item === undefined) return undefined;
        items.push(item);
      }
    }
    if (c === '/') {
      this.pos++;
      const raw = this.sticky(NAME) ?? '';
      return new Name(raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    }
    const number = this.sticky(NUMBER);
    if (number !== undefined) {
      if (!/^\d+$/.test(number)) return Number(number);
      return this.sticky(REF_TAIL) !== undefined ? new Ref(Number(number)) : Number(number);
    }
    const keyword = this.sticky(KEYWORD);
    if (keyword === 'true' || keyword === 'false') return keyword === 'true';
    if (keyword === 'null') return null;
    return undefined;
  }

  private dict(depth: number): Map<string, Value> | undefined {
    this.pos += 2;
    const entries = new Map<string, Value>();
    for (;;) {
      this.skipSpace();
      if (this.text.startsWith('>>', this.pos)) {
        this.pos += 2;
        return entries;
      }
      const key = this.value(depth + 1);
      if (!(key instanceof Name)) return undefined;
      const value = this.value(depth + 1);
      if (value === undefined) return undefined;
      entries.set(key.name, value);
    }
  }

  private skipTo(end: string): Str | undefined {
    const at = this.text.indexOf(end, this.pos);
    if (at < 0) return undefined;
    this.spend(at - this.pos);
    this.pos = at + 1;
    return STRING;
  }

  private literalString(): Str | undefined {
    const { text } = this;
    let nesting = 0;
    const start = this.pos;
    for (; this.pos < text.length; this.pos++) {
      const c = text[this.pos];
      if (c === '\\') this.pos++;
      else if (c === '(') nesting++;
      else if (c === ')' && --nesting === 0) break;
    }
    this.spend(this.pos - start);
    if (this.pos >= text.length) return undefined;
    this.pos++;
    return STRING;
  }
}

/** The object number of an `N G obj` header whose keyword is at `at`, or -1 (read backwards, a few characters at most). */
function headerBefore(text: string, at: number): number {
  let i = at - 1;
  const stop = Math.max(-1, at - 40);
  while (i > stop && isWhite(text.charCodeAt(i))) i--;
  const genEnd = i;
  while (i > stop && isDigit(text.charCodeAt(i))) i--;
  if (i === genEnd || genEnd - i > 5) return -1;
  const spaceEnd = i;
  while (i > stop && isWhite(text.charCodeAt(i))) i--;
  if (i === spaceEnd) return -1;
  const numEnd = i;
  let num = 0;
  for (let scale = 1; i > stop && isDigit(text.charCodeAt(i)); i--, scale *= 10) num += (text.charCodeAt(i) - 48) * scale;
  if (i === numEnd || numEnd - i > 10 || (i >= 0 && isDigit(text.charCodeAt(i)))) return -1;
  return num;
}

/** `N G obj` headers of a text: object numbers and where each body starts, in file order. */
export function scanObjects(text: string): { nums: number[]; starts: number[] } {
  const nums: number[] = [];
  const starts: number[] = [];
  for (let at = text.indexOf('obj'); at >= 0; at = text.indexOf('obj', at + 3)) {
    if (at + 3 < text.length && !isDelimiter(text.charCodeAt(at + 3))) continue;
    const num = headerBefore(text, at);
    if (num < 0) continue;
    nums.push(num);
    starts.push(at + 3);
  }
  return { nums, starts };
}

/** Positions of a keyword or name that stands alone (followed by a delimiter or the end). */
export function occurrences(text: string, word: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    if (at + word.length === text.length || isDelimiter(text.charCodeAt(at + word.length))) found.push(at);
  }
  return found;
}

export const isDict = (v: Value | undefined): v is Map<string, Value> => v instanceof Map;
export const isName = (v: Value | undefined, name: string) => v instanceof Name && v.name === name;
