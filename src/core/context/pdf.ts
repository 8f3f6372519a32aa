/** PDF rules of the API (PDFs go to Claude as `document` blocks), checked before a PDF is attached. */
import * as l10n from '@vscode/l10n';
import { formatBytes, formatNumber } from '../l10n/format';
import { imageTokens, targetSize } from './images';
import { hasPdfHeader, readPdfPages } from './pdfPages';
import { MAX_PDF_BYTES, MAX_PDF_PAGES } from './pdfLimits';
export { MAX_PDF_BYTES, MAX_PDF_PAGES, PDF_MEDIA_TYPE } from './pdfLimits';

/**
 * Input tokens of a page's text: Anthropic's documentation gives 1,500–3,000 per page depending on
 * how dense the page is; the middle of that range.
 */
export const PDF_TEXT_TOKENS_PER_PAGE = 2_250;

/** `reason` is for the person (translated). */
export type PdfInfo = { readonly pages: number } | { readonly reason: string };

/**
 * Whether a PDF can be attached, and its page count for the attachment chip. Checks, cheapest
 * first: the `%PDF-` header, the size, encryption, the page count (read from the document's page
 * tree, compressed object streams included). Fast (a 30 MB file in tens of milliseconds) and never
 * throws, whatever the bytes.
 */
export function pdfInfo(bytes: Uint8Array, name: string): PdfInfo {
  if (!hasPdfHeader(bytes)) return { reason: l10n.t('{0} is not a PDF file.', name) };
  if (bytes.byteLength > MAX_PDF_BYTES) {
    return { reason: l10n.t('{0} is {1}; Claude reads PDFs of up to {2}.', name, formatBytes(bytes.byteLength), formatBytes(MAX_PDF_BYTES)) };
  }
  const read = readPdfPages(bytes);
  if ('pages' in read) {
    if (read.pages === 0) return { reason: l10n.t('{0} has no pages.', name) };
    if (read.pages <= MAX_PDF_PAGES) return { pages: read.pages };
    return { reason: l10n.t('{0} has {1} pages; Claude reads PDFs of up to {2} pages.', name, formatNumber(read.pages), formatNumber(MAX_PDF_PAGES)) };
  }
  switch (read.problem) {
    case 'not-pdf':
      return { reason: l10n.t('{0} is not a PDF file.', name) };
    case 'encrypted':
      return { reason: l10n.t('{0} is encrypted or protected by a password, so Claude cannot read it. Attach a copy saved without protection.', name) };
    case 'damaged':
      return { reason: l10n.t('{0} seems damaged: its page count cannot be found.', name) };
  }
}

/**
 * An estimate of a PDF's input tokens for the context meter: each page is sent as its text and as
 * an image of the page, so a page costs its text (PDF_TEXT_TOKENS_PER_PAGE) plus the image tokens
 * of a US Letter page scaled to the API's image limits (about 1,530): about 3,800 tokens a page.
 */
export function pdfTokens(pages: number): number {
  if (!Number.isFinite(pages) || pages <= 0) return 0;
  const page = targetSize(1275, 1650); // Letter at 150 dpi; the API scales it to 1.15 megapixels
  return Math.ceil(pages) * (PDF_TEXT_TOKENS_PER_PAGE + imageTokens(page.width, page.height));
}
