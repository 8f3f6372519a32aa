/**
 * Numbers, costs, sizes, durations and dates in the language VS Code runs in, through `Intl`
 * (grouping and decimal separators are the locale's, never written by hand). The host sets the
 * language from `vscode.env.language` at activation, the webview from its document's `lang`.
 * Text sent to Claude (tool results, notes in the conversation) keeps English formats: it is not
 * for people, and a prompt must not change when the display language does.
 */

let displayLocale = 'en';

/** The BCP 47 tag of VS Code's display language (`en`, `ja`, `zh-cn`…); unknown tags fall back to English. */
export function setDisplayLocale(language: string | undefined): void {
  const tag = (language ?? '').trim();
  let supported = false;
  try {
    supported = tag !== '' && Intl.NumberFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    // not a BCP 47 tag at all (RangeError)
  }
  displayLocale = supported ? tag : 'en';
  cache.clear();
  dateCache.clear();
}

export function getDisplayLocale(): string {
  return displayLocale;
}

const cache = new Map<string, Intl.NumberFormat>();
const dateCache = new Map<string, Intl.DateTimeFormat>();
/** One formatter per kind and language (a history list formats a date per row). */
function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = dateCache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(displayLocale, options);
    dateCache.set(key, format);
  }
  return format;
}
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(displayLocale, options);
    cache.set(key, format);
  }
  return format;
}

/** A count with the locale's grouping: 12,345 · 12 345 · 12.345. */
export function formatNumber(value: number): string {
  return numberFormat('integer', { maximumFractionDigits: 0 }).format(value);
}

/** A decimal with a fixed number of fraction digits: 0.4 · 0,4. */
export function formatDecimal(value: number, digits: number): string {
  return numberFormat(`decimal${digits}`, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** Token counts that fit a narrow line: 950, 12.3K, 1.23M (the locale's own short form: 1.23万 in Japanese). */
export function formatCompact(value: number): string {
  return numberFormat('compact', { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

/** A share as a percentage: `ratio` 0.42 → 42 % (in the locale's form); small shares keep two decimals. */
export function formatPercent(ratio: number): string {
  const digits = ratio > 0 && ratio < 0.01 ? 2 : 0;
  return numberFormat(`percent${digits}`, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio);
}

/** A cost in US dollars (the API's prices are in dollars): $0.0123 below a cent, $1.23 above; "$?" when unknown. */
export function formatCost(cost: number | undefined): string {
  if (cost === undefined) return '$?';
  const digits = cost === 0 ? 0 : cost < 0.01 ? 4 : 2;
  const usd = (value: number) =>
    numberFormat(`usd${digits}`, { style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  if (cost > 0 && cost < 0.0001) return `<${usd(0.0001)}`;
  return usd(cost);
}

/** A file size: 512 KB, 4.2 MB (the locale's unit names and separators). */
export function formatBytes(bytes: number): string {
  const [unit, value] = bytes < 1024 * 1024 ? (['kilobyte', bytes / 1024] as const) : (['megabyte', bytes / 1024 / 1024] as const);
  return numberFormat(`bytes-${unit}`, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** A short duration: 0.4 s under ten seconds, 42 s under a minute, then 3 min 20 s (the locale's units). */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) {
    const digits = seconds < 10 ? 1 : 0;
    return numberFormat(`seconds${digits}`, { style: 'unit', unit: 'second', unitDisplay: 'short', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(seconds);
  }
  const minutes = Math.floor(seconds / 60);
  const rest = Math.floor(seconds % 60);
  const min = numberFormat('minutes', { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(minutes);
  return rest ? `${min} ${numberFormat('seconds0', { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 0 }).format(rest)}` : min;
}

/**
 * A clock that counts whole seconds (how long a reply has waited, a command has run): 4 s, 42 s,
 * then 3 min 20 s. formatDuration's tenths under ten seconds would flicker on a clock ticking once a second.
 */
export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds >= 60) return formatDuration(seconds * 1000);
  return numberFormat('seconds0', { style: 'unit', unit: 'second', unitDisplay: 'short', minimumFractionDigits: 0, maximumFractionDigits: 0 }).format(seconds);
}

/** A calendar day given as `YYYY-MM-DD` (a model's retirement): Mar 1, 2027 · 2027/03/01; anything else as it is. */
export function formatDay(isoDay: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay);
  if (!day) return isoDay;
  const utc = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  return Number.isNaN(utc) ? isoDay : dateFormat('day', { dateStyle: 'medium', timeZone: 'UTC' }).format(utc);
}

/** A date and time: Dec 6, 2026, 3:42 PM · 2026/12/06 15:42. */
export function formatDateTime(epochMs: number): string {
  return dateFormat('dateTime', { dateStyle: 'medium', timeStyle: 'short' }).format(epochMs);
}
