/** Image rules of the vision API, and the sizing math applied before an image is sent. */
import * as l10n from '@vscode/l10n';
import { formatBytes, formatNumber } from '../l10n/format';

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The API downscales anything larger anyway: resizing first saves upload time and loses nothing. */
export const MAX_LONG_EDGE = 1568;
export const MAX_PIXELS = 1_150_000;
/** Per-image limit of the API (base64-decoded bytes). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Width and height the API accepts, in pixels. */
export const MAX_DIMENSION = 8000;
/** Images in one message. */
export const MAX_IMAGES_PER_MESSAGE = 20;
/** Files larger than this are refused before decoding (a clear message instead of a stalled view). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

export function isSupportedImageType(type: string): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/**
 * The size to send: unchanged when within both limits (never upscaled), else scaled down keeping
 * the aspect ratio so the long edge is ≤ 1568 px and the area ≤ 1.15 megapixels.
 */
export function targetSize(width: number, height: number): { width: number; height: number; scaled: boolean } {
  if (width <= 0 || height <= 0) throw new Error(l10n.t('An image needs a positive width and height.'));
  const scale = Math.min(1, MAX_LONG_EDGE / Math.max(width, height), Math.sqrt(MAX_PIXELS / (width * height)));
  if (scale >= 1) return { width, height, scaled: false };
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)), scaled: true };
}

/** The API's estimate of an image's input tokens. */
export function imageTokens(width: number, height: number): number {
  return Math.ceil((width * height) / 750);
}

/** Bytes encoded by a base64 string. */
export function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.floor((data.length * 3) / 4) - padding;
}

/**
 * The format to send: PNG (screenshots stay sharp) unless the PNG would exceed the size limit,
 * then WebP (or JPEG where WebP is unavailable). JPEG, GIF and WebP sources keep their type when
 * they are not re-encoded.
 */
export function outputType(source: string, pngBytes: number | undefined, webpAvailable: boolean): ImageType {
  if (pngBytes !== undefined && pngBytes > MAX_IMAGE_BYTES) return webpAvailable ? 'image/webp' : 'image/jpeg';
  return isSupportedImageType(source) && source !== 'image/gif' ? source : 'image/png';
}

/** Why an image from the webview cannot be attached, or undefined when it can (for the person, translated). */
export function imageProblem(image: { name: string; mediaType: string; data: string; width: number; height: number }, alreadyPending: number): string | undefined {
  if (alreadyPending >= MAX_IMAGES_PER_MESSAGE) return l10n.t('At most {0} images can go in one message; {1} was not added.', formatNumber(MAX_IMAGES_PER_MESSAGE), image.name);
  if (!isSupportedImageType(image.mediaType)) {
    return image.mediaType
      ? l10n.t('{0} is {1}; Claude reads PNG, JPEG, GIF and WebP.', image.name, image.mediaType)
      : l10n.t('{0} is of an unknown type; Claude reads PNG, JPEG, GIF and WebP.', image.name);
  }
  if (image.width < 1 || image.height < 1 || image.width > MAX_DIMENSION || image.height > MAX_DIMENSION) {
    return l10n.t('{0} is {1}×{2} px, outside what the API accepts.', image.name, String(image.width), String(image.height));
  }
  const bytes = base64Bytes(image.data);
  if (bytes > MAX_IMAGE_BYTES) return l10n.t('{0} is still {1} after resizing; the API takes up to {2} per image.', image.name, formatBytes(bytes), formatBytes(MAX_IMAGE_BYTES));
  return undefined;
}
