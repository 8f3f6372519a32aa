/**
 * What the person attaches in the view: images and PDFs pasted into the message box or dropped
 * anywhere on it, an image dragged from a web page (its address), an image address pasted alone,
 * and images the host read (picked, dropped from the Explorer, fetched from the web) to be sized here.
 */
import * as l10n from '@vscode/l10n';
import type { WebviewToHost } from '../core/protocol/protocol';
import { MAX_PDF_BYTES } from '../core/context/pdfLimits';
import { formatBytes } from '../core/l10n/format';
import { base64, base64ToBlob, imageFiles, pdfFiles, prepareImage } from './imageInput';

/**
 * An address that names an image by its file name, or an image's data: address (one pasted alone
 * is attached only then). The host fetches https ones and says why it will not fetch the others.
 */
const IMAGE_ADDRESS = /^(?:(?:https?|file):\/\/\S+\.(?:png|jpe?g|gif|webp)(?:[?#]\S*)?|data:image\/\S+)$/i;
const DROP_TYPES = ['Files', 'text/uri-list', 'application/vnd.code.uri-list', 'text/html'];

export interface AttachSink {
  post(message: WebviewToHost): void;
  error(message: string): void;
}

export class AttachInput {
  constructor(private readonly sink: AttachSink) {}

  /** Listens for pastes on the document and drops on `area`. */
  listen(area: HTMLElement): void {
    document.addEventListener('paste', (event) => this.paste(event));
    area.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.some((t) => DROP_TYPES.includes(t))) event.preventDefault();
    });
    area.addEventListener('drop', (event) => this.drop(event));
  }

  /** An image the host read: sized here, then attached. */
  async hostImage(name: string, mediaType: string, data: string, url?: string): Promise<void> {
    await this.attachImage(base64ToBlob(data, mediaType), name, url);
  }

  private async attachImage(blob: Blob, name: string, url?: string): Promise<void> {
    const result = await prepareImage(blob, name, url);
    if ('error' in result) this.sink.error(result.error);
    else this.sink.post({ type: 'addImage', image: result });
  }

  private async attachFiles(images: readonly File[], pdfs: readonly File[]): Promise<void> {
    for (const file of images) await this.attachImage(file, file.name || l10n.t('pasted image'));
    for (const file of pdfs) {
      const name = (file.name || l10n.t('pasted PDF')).slice(0, 200);
      // Refused before it is read: a file past the API's limit is never sent, and the host's message limit would drop it unseen.
      if (file.size > MAX_PDF_BYTES) this.sink.error(l10n.t('{0} is {1}; the API takes PDFs up to {2}.', name, formatBytes(file.size), formatBytes(MAX_PDF_BYTES)));
      else this.sink.post({ type: 'addDocument', name, data: base64(await file.arrayBuffer()) });
    }
  }

  private paste(event: ClipboardEvent): void {
    const images = imageFiles(event.clipboardData);
    const pdfs = pdfFiles(event.clipboardData);
    if (images.length || pdfs.length) {
      event.preventDefault();
      void this.attachFiles(images, pdfs);
      return;
    }
    const text = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (!IMAGE_ADDRESS.test(text)) return; // an ordinary paste
    event.preventDefault();
    // A data: address is refused whatever follows its start: only that much goes to the host.
    this.sink.post({ type: 'addImageUrl', url: text.startsWith('data:') ? text.slice(0, 100) : text });
  }

  private drop(event: DragEvent): void {
    const data = event.dataTransfer;
    const images = imageFiles(data);
    const pdfs = pdfFiles(data);
    if (images.length || pdfs.length) {
      event.preventDefault();
      void this.attachFiles(images, pdfs);
      return;
    }
    // An image dragged from a web page: its own address (the uri-list may be the link around it).
    const src = imageSource(data?.getData('text/html') ?? '');
    if (src) {
      event.preventDefault();
      this.sink.post({ type: 'addImageUrl', url: src.startsWith('data:') ? src.slice(0, 100) : src.slice(0, 4000) });
      return;
    }
    // Files from the Explorer come as URIs (hold Shift to drop into a view): the host reads them.
    const uris = (data?.getData('text/uri-list') ?? '').split(/\r?\n/).filter((u) => u && !u.startsWith('#'));
    if (!uris.length) return;
    event.preventDefault();
    this.sink.post({ type: 'attachUris', uris });
  }
}

/** The address of the first image in dragged HTML, resolved against nothing: only absolute addresses count. */
function imageSource(html: string): string | undefined {
  if (!html) return undefined;
  const img = new DOMParser().parseFromString(html, 'text/html').querySelector('img[src]');
  const src = img?.getAttribute('src')?.trim();
  return src && /^[a-z][\w+.-]*:/i.test(src) ? src : undefined;
}
