/**
 * Turns a pasted, dropped or picked image into what the API accepts: downscaled only when its
 * long edge is over 1568 px or it is over 1.15 megapixels (never upscaled), kept byte for byte
 * when it already fits, PNG unless that would exceed 5 MB (then WebP, or JPEG).
 */
import * as l10n from '@vscode/l10n';
import { formatBytes } from '../core/l10n/format';
import { isSupportedImageType, MAX_IMAGE_BYTES, MAX_INPUT_BYTES, outputType, targetSize } from '../core/context/images';
import type { ImagePayload } from '../core/protocol/protocol';

const THUMBNAIL_EDGE = 96;

export function base64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function canvasFor(bitmap: ImageBitmap, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas'); // not localized: an internal error, never shown
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, width, height);
  return canvas;
}

const toBlob = (canvas: HTMLCanvasElement, type: string, quality?: number) =>
  // not localized: an internal error, never shown
  new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), type, quality));

/**
 * The image ready to attach, or a message saying why it cannot be. `url`, where it was fetched from,
 * stays with it only when it is sent unchanged: then the API reading the address sees these bytes.
 */
export async function prepareImage(blob: Blob, name: string, url?: string): Promise<ImagePayload | { error: string }> {
  if (blob.size > MAX_INPUT_BYTES) {
    return { error: l10n.t('{0} is {1}; images up to {2} can be attached.', name, formatBytes(blob.size), formatBytes(MAX_INPUT_BYTES)) };
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return {
      error: blob.type
        ? l10n.t('{0} could not be read as an image ({1}). Claude reads PNG, JPEG, GIF and WebP.', name, blob.type)
        : l10n.t('{0} could not be read as an image. Claude reads PNG, JPEG, GIF and WebP.', name),
    };
  }
  try {
    const size = targetSize(bitmap.width, bitmap.height);
    let mediaType: string;
    let data: ArrayBuffer;
    const unchanged = !size.scaled && isSupportedImageType(blob.type) && blob.size <= MAX_IMAGE_BYTES;
    if (unchanged) {
      mediaType = blob.type; // already fine: sent unchanged
      data = await blob.arrayBuffer();
    } else {
      const canvas = canvasFor(bitmap, size.width, size.height);
      let encoded = await toBlob(canvas, 'image/png');
      const wanted = outputType(isSupportedImageType(blob.type) ? blob.type : 'image/png', encoded.type === 'image/png' ? encoded.size : undefined, true);
      if (wanted !== 'image/png' && wanted !== encoded.type) {
        encoded = await toBlob(canvas, wanted, 0.9);
        if (encoded.type !== wanted) encoded = await toBlob(canvas, 'image/jpeg', 0.9); // no WebP encoder
      }
      if (encoded.size > MAX_IMAGE_BYTES) return { error: l10n.t('{0} is still over {1} after resizing and compressing.', name, formatBytes(MAX_IMAGE_BYTES)) };
      mediaType = encoded.type;
      data = await encoded.arrayBuffer();
    }
    const scale = Math.min(1, THUMBNAIL_EDGE / Math.max(bitmap.width, bitmap.height));
    const thumbnail = canvasFor(bitmap, Math.max(1, Math.round(bitmap.width * scale)), Math.max(1, Math.round(bitmap.height * scale))).toDataURL('image/png');
    return { name, mediaType, data: base64(data), width: size.width, height: size.height, thumbnail, ...(url && unchanged ? { url } : {}) };
  } finally {
    bitmap.close();
  }
}

export function base64ToBlob(data: string, type: string): Blob {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type });
}

function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  const files = [...data.files];
  for (const item of data.items ?? []) {
    if (item.kind === 'file') {
      const file = item.getAsFile();
      if (file && !files.includes(file)) files.push(file);
    }
  }
  return files;
}

/** Image files among pasted or dropped data. */
export function imageFiles(data: DataTransfer | null): File[] {
  return filesOf(data).filter((f) => f.type.startsWith('image/') || /\.(png|jpe?g|gif|webp|bmp|svg|tiff?)$/i.test(f.name));
}

/** PDF files among pasted or dropped data. */
export function pdfFiles(data: DataTransfer | null): File[] {
  return filesOf(data).filter((f) => f.type === 'application/pdf' || /\.pdf$/i.test(f.name));
}
