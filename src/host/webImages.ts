/**
 * Images from web addresses (dragged from a page, pasted alone into the box): fetched here, never
 * by the webview, under the rules of webImageFetch (https only, public addresses only, size and
 * type checked before the body is read). The bytes go to the webview to be sized like any image,
 * with the address, so the image can be sent as its address where the endpoint fetches them.
 */
import * as l10n from '@vscode/l10n';
import { messageOf } from '../core/api/errors';
import { imageHash } from '../core/context/imageCheck';
import { MAX_INPUT_BYTES } from '../core/context/images';
import type { HostToWebview } from '../core/protocol/protocol';
import { fetchWebImage, WebImageRefusal } from './webImageFetch';

export class WebImages {
  /** The address each fetched image (by the hash of its base64) came from: only these go with an image as its source. */
  private readonly fetched = new Map<string, string>();

  constructor(
    private readonly post: (message: HostToWebview) => void,
    /** The extension's own tests serve images from 127.0.0.1; never set in an installed build. */
    private readonly allowLoopback: boolean,
  ) {}

  /** The address the image with these bytes was fetched from here, if it was. */
  addressOf(sha256: string): string | undefined {
    return this.fetched.get(sha256);
  }

  async fetch(url: string): Promise<void> {
    try {
      const image = await fetchWebImage(url, { maxBytes: MAX_INPUT_BYTES, allowLoopback: this.allowLoopback });
      const data = image.data.toString('base64');
      // The address as given, not where it redirected to (often a signed, short-lived link): the API follows redirects too.
      this.fetched.set(imageHash(data), url);
      this.post({ type: 'imageFile', name: nameOf(image.url), mediaType: image.mediaType, data, url });
    } catch (err) {
      const reason = err instanceof WebImageRefusal ? err.reason : messageOf(err);
      this.post({ type: 'error', message: l10n.t('The image at {0} was not attached: {1}', shortened(url), reason), actions: [] });
    }
  }
}

/** The last part of the address's path, or its host. */
function nameOf(url: string): string {
  try {
    const parsed = new URL(url);
    const last = decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? '');
    return (last || parsed.hostname).slice(0, 200);
  } catch {
    return 'image'; // not localized: only for an address that no longer parses, which fetchWebImage refused already
  }
}

function shortened(url: string): string {
  return url.length > 120 ? `${url.slice(0, 119)}…` : url;
}
