/**
 * Checks of image data from outside the extension (an imported chat). The bytes decide the type,
 * not the declared media type, and the hash is recomputed because it names the image's file in the
 * store and is what the chat refers to.
 */
import * as l10n from '@vscode/l10n';
import { createHash } from 'node:crypto';
import { formatBytes, formatNumber } from '../l10n/format';
import type { Attachment, DocumentAttachment, ImageAttachment } from './attachments';
import { PDF_MEDIA_TYPE, pdfInfo } from './pdf';
import type { Conversation, Turn } from '../conversation/turns';
import { base64Bytes, MAX_DIMENSION, MAX_IMAGE_BYTES, MAX_IMAGES_PER_MESSAGE, type ImageType } from './images';

/** The image format the bytes start with, or undefined when they are none of the four the API reads. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const ascii = (offset: number, text: string) => [...text].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (bytes[0] === 0x89 && ascii(1, 'PNG\r\n\x1a\n')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  return undefined;
}

/** The hash an attachment is stored under: sha256 of its base64 text, as images are hashed when attached. */
export function imageHash(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

function isBase64(data: string): boolean {
  return data.length > 0 && data.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(data);
}

/** Text from a file, fit for a one-line message: no control characters, not endless. */
function oneLine(text: string, max: number): string {
  const clean = text.replace(/[\p{Cc}\p{Cf}]+/gu, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** `reason` is for the person (translated). */
export type ImageDataCheck = { readonly mediaType: ImageType } | { readonly reason: string };

/** Whether image data can be kept, and its actual media type; the cheap checks run first. */
export function checkImageData(image: { readonly mediaType: string; readonly data: string; readonly sha256: string; readonly width: number; readonly height: number }): ImageDataCheck {
  const { data, width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
    return { reason: l10n.t('{0}×{1} px is outside what the API accepts', String(width), String(height)) };
  }
  if (base64Bytes(data) > MAX_IMAGE_BYTES) return { reason: l10n.t("{0}, over the API's {1} per image", formatBytes(base64Bytes(data)), formatBytes(MAX_IMAGE_BYTES)) };
  if (!isBase64(data)) return { reason: l10n.t('its data is not base64') };
  const mediaType = sniffImageType(Buffer.from(data.slice(0, 16), 'base64'));
  if (!mediaType) {
    const declared = oneLine(image.mediaType, 40);
    return { reason: declared ? l10n.t('its bytes are not PNG, JPEG, GIF or WebP (declared as {0})', declared) : l10n.t('its bytes are not PNG, JPEG, GIF or WebP (declared as nothing)') };
  }
  if (imageHash(data) !== image.sha256) return { reason: l10n.t('its data does not match its sha256') };
  return { mediaType };
}

const THUMBNAIL = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;


function checkAttachment(a: ImageAttachment, earlier: number): ImageAttachment | { reason: string } {
  if (earlier >= MAX_IMAGES_PER_MESSAGE) return { reason: l10n.t('more than {0} images in one message', formatNumber(MAX_IMAGES_PER_MESSAGE)) };
  if (!a.data) return { reason: l10n.t('the file has no data for it') };
  const check = checkImageData({ ...a, data: a.data });
  if ('reason' in check) return check;
  const thumbnail = a.thumbnail && a.thumbnail.length <= 200_000 && THUMBNAIL.test(a.thumbnail) ? a.thumbnail : undefined;
  // rebuilt from the checked fields only: nothing else in the file rides along
  return { kind: 'image', id: a.id, name: a.name, mediaType: check.mediaType, width: a.width, height: a.height, sha256: a.sha256, data: a.data, ...(thumbnail ? { thumbnail } : {}) };
}

/**
 * A PDF of an imported chat: its bytes are checked and counted again, and its upload (another
 * person's, at their endpoint) is left behind.
 */
function checkDocument(a: DocumentAttachment): DocumentAttachment | { reason: string } {
  if (!a.data) return { reason: l10n.t('the file has no data for it') };
  if (!isBase64(a.data)) return { reason: l10n.t('its data is not base64') };
  if (imageHash(a.data) !== a.sha256) return { reason: l10n.t('its data does not match its sha256') };
  const bytes = Buffer.from(a.data, 'base64');
  const info = pdfInfo(bytes, oneLine(a.name, 60));
  if ('reason' in info) return info;
  return { kind: 'document', id: a.id, name: a.name, mediaType: PDF_MEDIA_TYPE, pages: info.pages, bytes: bytes.byteLength, sha256: a.sha256, data: a.data };
}

export interface ImportedImages {
  readonly conversation: Conversation;
  /** One line per image dropped: its name and why (for the person, translated). */
  readonly dropped: readonly string[];
}

/** Re-checks every image of an imported conversation; a bad one is dropped (and named), the rest of the chat stays. */
export function checkImportedImages(conversation: Conversation): ImportedImages {
  const dropped: string[] = [];
  const turns = conversation.turns.map((turn): Turn => {
    if (turn.role !== 'user' || !turn.attachments?.some((a) => a.kind !== 'selection')) return turn;
    let kept = 0;
    const attachments = turn.attachments.flatMap((a): Attachment[] => {
      if (a.kind === 'selection') return [a];
      const checked = a.kind === 'document' ? checkDocument(a) : checkAttachment(a, kept);
      if ('reason' in checked) {
        const name = oneLine(a.name, 60) || (a.kind === 'document' ? l10n.t('an unnamed PDF') : l10n.t('an unnamed image'));
        dropped.push(l10n.t({ message: '{0}: {1}', args: [name, checked.reason], comment: ['An image left out of an imported chat: its name, then why'] }));
        return [];
      }
      if (checked.kind === 'image') kept++;
      return [checked];
    });
    const { attachments: _old, ...rest } = turn;
    return attachments.length ? { ...rest, attachments } : rest;
  });
  return { conversation: { ...conversation, turns }, dropped };
}
