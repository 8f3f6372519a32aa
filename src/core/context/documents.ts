/** PDFs for the next message: checked and counted before they are attached, as the API would take them. */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import type { ModelInfo } from '../models/models';
import type { DocumentAttachment } from './attachments';
import { PDF_MEDIA_TYPE, pdfInfo } from './pdf';

/** The attachment, or why the PDF cannot be attached (for the person, translated). */
export function documentAttachment(name: string, bytes: Uint8Array, model: Pick<ModelInfo, 'label' | 'pdfInput'>): DocumentAttachment | { readonly reason: string } {
  // An endpoint that lists capabilities says whether the model reads PDFs; the table's models all do.
  if (model.pdfInput === false) return { reason: l10n.t('{0} cannot be attached: {1} does not read PDFs. Pick another model to attach it.', name, model.label) };
  const info = pdfInfo(bytes, name);
  if ('reason' in info) return info;
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const sha256 = createHash('sha256').update(data).digest('hex');
  return { kind: 'document', id: `pdf-${sha256.slice(0, 12)}`, name, mediaType: PDF_MEDIA_TYPE, pages: info.pages, bytes: bytes.byteLength, sha256, data };
}
