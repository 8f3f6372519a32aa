/** Context attached to a message: selected code (and, later, images), and how it is sent. */
import type { RequestBlock } from './wire';

export interface SelectionAttachment {
  readonly kind: 'selection';
  readonly id: string;
  /** Workspace-relative path, with forward slashes. */
  readonly path: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** VS Code language id, used as the fence's tag. */
  readonly language: string;
  readonly code: string;
}

export type Attachment = SelectionAttachment;

/** What the webview shows of an attachment. */
export interface AttachmentView {
  readonly id: string;
  readonly kind: 'selection';
  readonly label: string;
}

export const EXPLAIN_INSTRUCTION =
  'Explain the attached code: what it does, how it works, and anything surprising or risky in it.';

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
  return `Selected code from ${selectionLabel(a)}:\n${fence}${a.language} ${selectionLabel(a)}\n${code}${fence}`;
}

/** The user turn's blocks: attachments first, then what the person typed. */
export function userContent(text: string, attachments: readonly Attachment[]): RequestBlock[] {
  return [...attachments.map((a): RequestBlock => ({ type: 'text', text: selectionText(a) })), { type: 'text', text }];
}

export function attachmentView(a: Attachment): AttachmentView {
  return { id: a.id, kind: a.kind, label: selectionLabel(a) };
}
