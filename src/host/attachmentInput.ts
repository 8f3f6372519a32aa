/**
 * What the person attaches to the next message: images (pasted or dropped in the webview and sized
 * there, picked with Attach image, dropped from the Explorer, or fetched from a web address) and
 * PDFs. Everything is checked before it is attached; a refusal says why.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { ChatEngine } from '../core/engine/chatEngine';
import { documentAttachment, pdfPages } from '../core/context/documents';
import { imageProblem, MAX_INPUT_BYTES } from '../core/context/images';
import { MAX_PDF_BYTES } from '../core/context/pdf';
import { formatBytes } from '../core/l10n/format';
import type { HostToWebview, ImagePayload } from '../core/protocol/protocol';
import { WebImages } from './webImages';

const IMAGE_EXTENSIONS = /^(png|jpe?g|gif|webp|bmp|svg|tiff?)$/;

export class AttachmentInput {
  private readonly web: WebImages;

  constructor(
    private readonly session: ChatEngine,
    private readonly post: (message: HostToWebview) => void,
    options: { readonly allowLoopbackImages?: boolean } = {},
  ) {
    this.web = new WebImages(post, options.allowLoopbackImages ?? false);
  }

  private refuse(message: string): void {
    this.post({ type: 'error', message, actions: [] });
  }

  add(image: ImagePayload): void {
    const problem = imageProblem(image, this.session.pending.images());
    if (problem) return this.refuse(problem);
    const sha256 = createHash('sha256').update(image.data).digest('hex');
    const { name, mediaType, width, height, data, thumbnail } = image;
    // An address goes with the image only when this host fetched these very bytes from it.
    const url = image.url !== undefined && this.web.addressOf(sha256) === image.url ? image.url : undefined;
    this.session.pending.add({ kind: 'image', id: `img-${sha256.slice(0, 12)}`, name, mediaType, width, height, sha256, data, thumbnail, ...(url ? { url } : {}) });
  }

  /** A PDF pasted or dropped on the view (base64). */
  addDocument(name: string, data: string): void {
    this.attachPdf(name, Buffer.from(data, 'base64'));
  }

  /** An image's web address: fetched here (https, public addresses only), then sized by the webview. */
  addImageUrl(url: string): Promise<void> {
    return this.web.fetch(url);
  }

  private attachPdf(name: string, bytes: Uint8Array): void {
    const inChat = this.session.conversation().turns.flatMap((t) => (t.role === 'user' ? (t.attachments ?? []) : []));
    const made = documentAttachment(name, bytes, this.session.currentModel(), pdfPages([...inChat, ...this.session.pending.list]));
    if ('reason' in made) return this.refuse(made.reason);
    this.session.pending.add(made);
  }

  /** "Attach image": a picker limited to the formats the API reads (images and PDFs); the webview sizes images. */
  async pick(): Promise<void> {
    const filters = { [vscode.l10n.t('Images and PDFs')]: ['png', 'jpg', 'jpeg', 'gif', 'webp', 'pdf'] };
    const uris = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Claude: Attach Image'), canSelectMany: true, filters });
    await this.readFiles(uris ?? []);
  }

  /** Dropped items arrive as URI lines: files from the Explorer, or an image's address from a web page. */
  async readDropped(lines: readonly string[]): Promise<void> {
    const uris = lines.flatMap((u) => parseUri(u));
    for (const uri of uris.filter((u) => u.scheme === 'https' || u.scheme === 'http')) await this.web.fetch(uri.toString(true));
    await this.readFiles(uris.filter((u) => u.scheme !== 'https' && u.scheme !== 'http'));
  }

  /**
   * Reads files (picked, or dropped from the Explorer): images go to the webview to size, PDFs are
   * checked here. Name and stat come first: a huge file, a folder or a pipe is refused unread.
   */
  private async readFiles(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      const name = uri.path.split('/').pop() || vscode.l10n.t({ message: 'image', comment: ['Stands for the name of a dropped image that has none'] });
      const ext = name.split('.').pop()?.toLowerCase() ?? '';
      const pdf = ext === 'pdf';
      if (!pdf && !IMAGE_EXTENSIONS.test(ext)) {
        this.refuse(vscode.l10n.t('{0} is neither an image nor a PDF; drop PNG, JPEG, GIF, WebP or PDF files.', name));
        continue;
      }
      const limit = pdf ? MAX_PDF_BYTES : MAX_INPUT_BYTES;
      const info = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
      const problem = !info ? vscode.l10n.t('{0} could not be read.', name) : !(info.type & vscode.FileType.File) ? vscode.l10n.t('{0} is not a file.', name) : tooLarge(name, info.size, limit, pdf);
      if (problem) {
        this.refuse(problem);
        continue;
      }
      const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
      if (!bytes) {
        this.refuse(vscode.l10n.t('{0} could not be read.', name));
        continue;
      }
      const grown = tooLarge(name, bytes.byteLength, limit, pdf); // it may have grown since the stat
      if (grown) this.refuse(grown);
      else if (pdf) this.attachPdf(name, bytes);
      else this.post({ type: 'imageFile', name, mediaType: ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : `image/${ext}`, data: Buffer.from(bytes).toString('base64') });
    }
  }
}

function tooLarge(name: string, bytes: number, limit: number, pdf: boolean): string | undefined {
  if (bytes <= limit) return undefined;
  return pdf
    ? vscode.l10n.t('{0} is {1}; the API takes PDFs up to {2}.', name, formatBytes(bytes), formatBytes(limit))
    : vscode.l10n.t('{0} is {1}; images up to {2} can be attached.', name, formatBytes(bytes), formatBytes(limit));
}

/** A URI from a drop (`text/uri-list` lines); nothing for comments or malformed lines. */
function parseUri(text: string): vscode.Uri[] {
  const line = text.trim();
  if (!line || line.startsWith('#')) return [];
  try {
    return [vscode.Uri.parse(line, true)];
  } catch {
    return [];
  }
}
