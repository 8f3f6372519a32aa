/**
 * One persistent shell per conversation. A shell is started on a conversation's first command and
 * ended when the conversation is deleted, a new chat starts, or the extension deactivates; only the
 * open conversation's shell is kept (one chat view runs one conversation at a time). No 'vscode'
 * here: ChatTools gives it the workspace folder and the credentials to keep out.
 */
import type { ShellSession, ShellSessions } from '../../core/tools/bash/shellSession';
import { ChildShellSession, type ChildShellOptions } from './childShell';

export class ChildShellSessions implements ShellSessions {
  readonly shellName: string;
  private readonly sessions = new Map<string, ChildShellSession>();

  constructor(private readonly options: ChildShellOptions) {
    this.shellName = options.launch.name;
  }

  forConversation(conversationId: string): ShellSession {
    let session = this.sessions.get(conversationId);
    if (!session) {
      // Another conversation's shell belongs to a chat no longer open: its jobs end with it.
      this.keepOnly(undefined);
      session = new ChildShellSession(this.options);
      this.sessions.set(conversationId, session);
    }
    return session;
  }

  /** Ends the shells of every conversation but `conversationId` (none when undefined): a new chat, another chat reopened. */
  keepOnly(conversationId: string | undefined): void {
    for (const [id, session] of this.sessions) {
      if (id === conversationId) continue;
      session.dispose();
      this.sessions.delete(id);
    }
  }

  /** Ends the shell of a deleted conversation. */
  forget(conversationId: string): void {
    this.sessions.get(conversationId)?.dispose();
    this.sessions.delete(conversationId);
  }

  dispose(): void {
    this.keepOnly(undefined);
  }
}
