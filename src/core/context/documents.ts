/** PDFs for the next message: checked and counted before they are attached, as the API would take them. */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import type { ModelInfo } from '../models/models';

import { formatNumber } from '../l10n/format';
import type { Attachment, DocumentAttachment } from './attachments';
import { MAX_PDF_PAGES, PDF_MEDIA_TYPE, pdfInfo } from './pdf';

/**
 * The attachment, or why the PDF cannot be attached (for the person, translated). `earlierPages`:
 * pages of the PDFs already in the chat or waiting to be sent, which go in the same requests.
 */
export function documentAttachment(name: string, bytes: Uint8Array, model: Pick<ModelInfo, 'label' | 'pdfInput'>, earlierPages = 0): DocumentAttachment | { readonly reason: string } {
  // An endpoint that lists capabilities says whether the model reads PDFs; the table's models all do.
  if (model.pdfInput === false) return { reason: l10n.t('{0} cannot be attached: {1} does not read PDFs. Pick another model to attach it.', name, model.label) };
  const info = pdfInfo(bytes, name);
  if ('reason' in info) return info;
  if (earlierPages && earlierPages + info.pages > MAX_PDF_PAGES) {
    return { reason: l10n.t('{0} has {1} pages; with the {2} pages of the PDFs already in this chat, that is more than the {3} pages Claude reads in one request. Start a new chat to attach it.', name, formatNumber(info.pages), formatNumber(earlierPages), formatNumber(MAX_PDF_PAGES)) };
  }
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { kind: 'document', id: `pdf-${sha256.slice(0, 12)}`, name, mediaType: PDF_MEDIA_TYPE, pages: info.pages, bytes: bytes.byteLength, sha256, data };
}

/** Pages of the PDFs among `attachments`. */
export function pdfPages(attachments: Iterable<Attachment>): number {
  let pages = 0;
  for (const a of attachments) if (a.kind === 'document') pages += a.pages;
  return pages;
}
