/** Images for the next message: pasted or dropped in the webview (already sized there), picked with Attach image, or dropped from the Explorer. */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { ChatEngine } from '../core/engine/chatEngine';
import { imageProblem, MAX_INPUT_BYTES } from '../core/context/images';
import { formatBytes } from '../core/l10n/format';
import type { HostToWebview, ImagePayload } from '../core/protocol/protocol';

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
    const filters = { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'gif', 'webp'] };
    const uris = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Claude: Attach Image'), canSelectMany: true, filters });
    await this.sendImageFiles(uris ?? []);
  }

  /** Files dropped from the Explorer arrive as URI lines. */
  readDropped(lines: readonly string[]): Promise<void> {
    return this.sendImageFiles(lines.flatMap((u) => parseUri(u)));
  }

  /**
   * Reads image files (picked, or dropped from the Explorer) and hands them to the webview to size.
   * Name and stat come first: a huge file, a folder or a pipe is refused without being read.
   */
  private async sendImageFiles(uris: readonly vscode.Uri[]): Promise<void> {
    const refuse = (message: string) => this.post({ type: 'error', message, actions: [] });
    for (const uri of uris) {
      const name = uri.path.split('/').pop() || vscode.l10n.t({ message: 'image', comment: ['Stands for the name of a dropped image that has none'] });
      const ext = name.split('.').pop()?.toLowerCase() ?? '';
      if (!/^(png|jpe?g|gif|webp|bmp|svg|tiff?)$/.test(ext)) {
        refuse(vscode.l10n.t('{0} is not an image; drop PNG, JPEG, GIF or WebP files.', name));
        continue;
      }
      const info = await vscode.workspace.fs.stat(uri).then(undefined, () => undefined);
      const problem = !info ? vscode.l10n.t('{0} could not be read.', name) : !(info.type & vscode.FileType.File) ? vscode.l10n.t('{0} is not a file.', name) : tooLarge(name, info.size);
      if (problem) {
        refuse(problem);
        continue;
      }
      const bytes = await vscode.workspace.fs.readFile(uri).then(undefined, () => undefined);
      if (!bytes) {
        refuse(vscode.l10n.t('{0} could not be read.', name));
        continue;
      }
      const grown = tooLarge(name, bytes.byteLength); // it may have grown since the stat
      if (grown) {
        refuse(grown);
        continue;
      }
      const mediaType = ext === 'jpg' || ext === 'jpeg' ? 'image/jpeg' : `image/${ext}`;
      this.post({ type: 'imageFile', name, mediaType, data: Buffer.from(bytes).toString('base64') });
    }
  }
}

function tooLarge(name: string, bytes: number): string | undefined {
  if (bytes <= MAX_INPUT_BYTES) return undefined;
  return vscode.l10n.t('{0} is {1}; images up to {2} can be attached.', name, formatBytes(bytes), formatBytes(MAX_INPUT_BYTES));
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
