/**
 * A `multipart/form-data` body split into its parts, on the raw bytes so that a binary file comes
 * out exactly as sent (the boundary and part headers are ASCII; part contents may be anything).
 */

export interface FormPart {
  readonly name: string;
  /** The part's `filename`, when it has one (a file part). */
  readonly filename?: string;
  /** The part's own `Content-Type`, without parameters. */
  readonly contentType?: string;
  readonly data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** The parts of `body`, or undefined when `contentType` is not multipart/form-data with a boundary or the body is malformed. */
export function parseMultipart(body: Buffer, contentType: string | undefined): FormPart[] | undefined {
  if (!/^multipart\/form-data\b/i.test(contentType ?? '')) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!match) return undefined;
  const delimiter = Buffer.from(`--${match[1] ?? match[2]}`);
  const closing = Buffer.concat([CRLF, delimiter]);
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  const parts: FormPart[] = [];
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return parts; // the closing delimiter
    if (!body.subarray(at, at + 2).equals(CRLF)) return undefined;
    const headersEnd = body.indexOf(HEADERS_END, at);
    if (headersEnd < 0) return undefined;
    const next = body.indexOf(closing, headersEnd + HEADERS_END.length);
    if (next < 0) return undefined;
    const part = partOf(body.subarray(at + 2, headersEnd).toString('utf8'), body.subarray(headersEnd + HEADERS_END.length, next));
    if (part) parts.push(part);
    at = next + CRLF.length;
  }
}

function partOf(headerText: string, data: Buffer): FormPart | undefined {
  const headers = new Map(
    headerText.split('\r\n').map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  const disposition = headers.get('content-disposition') ?? '';
  const name = paramOf(disposition, 'name');
  if (name === undefined) return undefined;
  const contentType = headers.get('content-type')?.split(';')[0].trim().toLowerCase();
  return { name, filename: paramOf(disposition, 'filename'), contentType: contentType || undefined, data };
}

// Browsers and undici escape a quote and line breaks in these values as %22, %0D and %0A.
function paramOf(disposition: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}="([^"]*)"`, 'i').exec(disposition);
  return match?.[1].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}
