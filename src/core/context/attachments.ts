/** Context attached to a message: selected code, images and PDFs, and how they are sent. */
import * as l10n from '@vscode/l10n';
import type * as v from 'valibot';
import type { DocumentAttachmentSchema, ImageAttachmentSchema, SelectionAttachmentSchema } from '../conversation/storedConversation';
import { formatNumber } from '../l10n/format';
import type { AttachmentView } from '../protocol/views';
import { imageTokens } from './images';
import { pdfTokens } from './pdf';
import { documentBlock, imageBlock } from './sources';
import type { RequestBlock } from '../api/wire';

export type SelectionAttachment = v.InferOutput<typeof SelectionAttachmentSchema>;
export type ImageAttachment = v.InferOutput<typeof ImageAttachmentSchema>;
export type DocumentAttachment = v.InferOutput<typeof DocumentAttachmentSchema>;
/** An attachment with bytes of its own (kept in the store, uploadable). */
export type FileAttachment = ImageAttachment | DocumentAttachment;
export type Attachment = SelectionAttachment | FileAttachment;

export const isFileAttachment = (a: Attachment): a is FileAttachment => a.kind !== 'selection';
export type { AttachmentView };

export const EXPLAIN_INSTRUCTION =
  'Explain the attached code: what it does, how it works, and anything surprising or risky in it.'; // not localized: sent to Claude

/** `path:startLine-endLine`, as the attachment is named in the view. */
export function selectionLabel(a: SelectionAttachment): string {
  return `${a.path}:${a.startLine}-${a.endLine}`;
}

/** A fence longer than any run of backticks in the code, so the code cannot close it. */
function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The text block sent for a selection: its name, then a fenced block tagged with language and location. */
export function selectionText(a: SelectionAttachment): string {
  const fence = fenceFor(a.code);
  const code = a.code.endsWith('\n') ? a.code : `${a.code}\n`;
  return `Selected code from ${selectionLabel(a)}:\n${fence}${a.language} ${selectionLabel(a)}\n${code}${fence}`; // not localized: sent to Claude
}

/** The user turn's blocks: documents and images, then the active editor and selections, then what the person typed. */
export function userContent(text: string, attachments: readonly Attachment[], editor?: { path: string; language: string }): RequestBlock[] {
  const blocks: RequestBlock[] = [];
  for (const a of attachments) {
    const block = a.kind === 'document' ? documentBlock(a) : a.kind === 'image' ? imageBlock(a) : undefined;
    if (block) blocks.push(block);
  }
  if (editor) blocks.push({ type: 'text', text: `Active file in the editor: ${editor.path} (${editor.language})` }); // not localized: sent to Claude
  for (const a of attachments) if (a.kind === 'selection') blocks.push({ type: 'text', text: selectionText(a) });
  blocks.push({ type: 'text', text });
  return blocks;
}

export function attachmentLabel(a: Attachment): string {
  if (a.kind === 'selection') return selectionLabel(a);
  if (a.kind === 'document') {
    if (a.pages === 1) return l10n.t({ message: '{0} (1 page)', args: [a.name], comment: ['A one-page PDF attached to a message: its name'] });
    return l10n.t({ message: '{0} ({1} pages)', args: [a.name, formatNumber(a.pages)], comment: ['A PDF attached to a message: its name and page count'] });
  }
  return `${a.name} (${a.width}×${a.height})`;
}

export function attachmentView(a: Attachment): AttachmentView {
  if (a.kind === 'selection') return { id: a.id, kind: a.kind, label: selectionLabel(a) };
  if (a.kind === 'document') return { id: a.id, kind: 'document', label: attachmentLabel(a), tokens: pdfTokens(a.pages) };
  return { id: a.id, kind: 'image', label: attachmentLabel(a), tokens: imageTokens(a.width, a.height), ...(a.thumbnail ? { thumbnail: a.thumbnail } : {}) };
}

/** The attachment as saved: file data and thumbnails stay out of the conversation file. */
export function storedAttachment(a: Attachment): Attachment {
  if (a.kind === 'selection') return a;
  if (a.kind === 'document') {
    const { data: _data, ...rest } = a;
    return rest;
  }
  const { data: _data, thumbnail: _thumbnail, ...rest } = a;
  return rest;
}
