/**
 * Serves the text of proposed edits under a scheme of our own, so a proposal can be shown in VS
 * Code's diff editor against the file as it is now, before anything is written.
 */
import * as vscode from 'vscode';
import type { ProposedEdit } from '../../core/tools/toolTypes';

export const PROPOSED_SCHEME = 'claude-chat-proposed';

type Side = 'before' | 'after';

export class ProposedContent implements vscode.TextDocumentContentProvider {
  private readonly proposals = new Map<string, ProposedEdit>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Registers the provider; dispose it on deactivate. */
  register(): vscode.Disposable {
    return vscode.Disposable.from(vscode.workspace.registerTextDocumentContentProvider(PROPOSED_SCHEME, this), this.changed);
  }

  /** The URI of one side of a proposal; the path ends in the file's name so the diff picks its language. */
  uriOf(edit: ProposedEdit, side: Side): vscode.Uri {
    const query = new URLSearchParams({ id: edit.id, side }).toString();
    return vscode.Uri.from({ scheme: PROPOSED_SCHEME, path: `/${edit.path.display}`, query });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const params = new URLSearchParams(uri.query);
    const edit = this.proposals.get(params.get('id') ?? '');
    if (!edit) return '';
    return params.get('side') === 'before' ? (edit.before ?? '') : edit.after;
  }

  /** Keeps (or updates) a proposal so its text can be served; an open diff of it refreshes. */
  propose(edit: ProposedEdit): void {
    const known = this.proposals.has(edit.id);
    this.proposals.set(edit.id, edit);
    if (known) {
      this.changed.fire(this.uriOf(edit, 'after'));
      this.changed.fire(this.uriOf(edit, 'before'));
    }
  }

  /** Opens the diff: the file as it is now (an empty document for a new file) against the proposed text. */
  async showDiff(edit: ProposedEdit): Promise<void> {
    this.propose(edit);
    const left = edit.before === undefined ? this.uriOf(edit, 'before') : vscode.Uri.parse(edit.path.key, true);
    const title =
      edit.before === undefined
        ? vscode.l10n.t({ message: '{0}: new file ↔ proposed by Claude', args: [edit.path.display], comment: ["Title of a diff editor: an empty document (the file does not exist yet) against the text Claude proposes"] })
        : vscode.l10n.t({ message: '{0}: current ↔ proposed by Claude', args: [edit.path.display], comment: ['Title of a diff editor: the file as it is now against the text Claude proposes'] });
    await vscode.commands.executeCommand('vscode.diff', left, this.uriOf(edit, 'after'), title, { preview: true });
  }

  /** Drops a proposal once it was applied or rejected; a diff still open keeps the text it shows. */
  forget(id: string): void {
    this.proposals.delete(id);
  }

  has(id: string): boolean {
    return this.proposals.has(id);
  }
}
