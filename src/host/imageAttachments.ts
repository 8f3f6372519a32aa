/** Images for the next message: pasted or dropped in the webview (already sized there), picked with Attach image, or dropped from the Explorer. */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { ChatEngine } from '../core/engine/chatEngine';
import { imageProblem, MAX_INPUT_BYTES } from '../core/images';
import type { HostToWebview, ImagePayload } from '../core/protocol';

export class ImageAttachments {
  constructor(
    private readonly session: ChatEngine,
    private readonly post: (message: HostToWebview) => void,
  ) {}

  add(image: ImagePayload): void {
    const problem = imageProblem(image, this.session.pending.images());
    if (problem) {
      this.post({ type: 'error', message: problem, actions: [] });
      return;
    }
    const sha256 = createHash('sha256').update(image.data).digest('hex');
    this.session.pending.add({ kind: 'image', id: `img-${sha256.slice(0, 12)}`, name: image.name, mediaType: image.mediaType, width: image.width, height: image.height, sha256, data: image.data, thumbnail: image.thumbnail });
  }

  /** "Attach image": a picker limited to the formats the API reads; the webview sizes what is picked. */
  async pick(): Promise<void> {
    const uris = await vscode.window.showOpenDialog({ title: 'Claude: Attach Image', canSelectMany: true, filters: { Images: ['png', 'jpg', 'jpeg', 'gif', 'webp'] } });
    await this.sendImageFiles(uris ?? []);
  }

  /** Files dropped from the Explorer arrive as URI lines. */
  readDropped(lines: readonly string[]): Promise<void> {
    return this.sendImageFiles(lines.flatMap((u) => parseUri(u)));
  }

  /** Reads image files (picked, or dropped from the Explorer) and hands them to the webview to size. */
  private async sendImageFiles(uris: readonly vscode.Uri[]): Promise<void> {
    for (const uri of uris) {
      const name = uri.path.split('/').pop() ?? 'image';
      const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
      if (!bytes) {
        this.post({ type: 'error', message: `${name} could not be read.`, actions: [] });
        continue;
      }
      if (bytes.byteLength > MAX_INPUT_BYTES) {
        this.post({ type: 'error', message: `${name} is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; images up to ${MAX_INPUT_BYTES / 1024 / 1024} MB can be attached.`, actions: [] });
        continue;
      }
      const ext = name.split('.').pop()?.toLowerCase() ?? '';
      if (!/^(png|jpe?g|gif|webp|bmp|svg|tiff?)$/.test(ext)) {
        this.post({ type: 'error', message: `${name} is not an image; drop PNG, JPEG, GIF or WebP files.`, actions: [] });
        continue;
      }
      const mediaType = ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : `image/${ext}`;
      this.post({ type: 'imageFile', name, mediaType, data: Buffer.from(bytes).toString('base64') });
    }
  }
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
