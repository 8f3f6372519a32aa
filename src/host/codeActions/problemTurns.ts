/**
 * The two quick-fix commands: Explain Problem with Claude starts a turn about the diagnostics at
 * a place, Fix with Claude does the same with the file tool and an instruction to fix it with the
 * smallest change; after an accepted fix it says in the chat whether the editor still reports the
 * problem, and offers Try again.
 */
import * as vscode from 'vscode';
import type { SelectionAttachment } from '../../core/context/attachments';
import { fixOutcome, problemPrompt, sameProblem, type Problem, type ProblemRequest } from '../../core/context/problems';
import type { AssistantTurn } from '../../core/conversation/turns';
import type { ChatController } from '../chat/chatController';
import { CHAT_VIEW_ID } from '../chat/chatView';
import { enclosingSymbol, selectionAttachment } from '../selectionCommands';
import { actionable } from './claudeCodeActions';
import { DiagnosticWatch, reported, showToCheck, toProblem, type SettleTimes } from './diagnosticWatch';

/** Lines of context either side of a problem when no enclosing symbol (of a sensible size) is found. */
const CONTEXT_LINES = 20;
const MAX_SYMBOL_LINES = 150;
/** How long a freshly opened file may take to be checked (a language server starting after a reload). */
const REOPEN_WAIT_MS = 30_000;

interface Place {
  readonly uri: vscode.Uri;
  readonly range: vscode.Range;
}

/** The code around the problems: the innermost symbol holding them, else some lines either side. */
async function codeAround(document: vscode.TextDocument, diagnostics: readonly vscode.Diagnostic[]): Promise<SelectionAttachment> {
  const span = diagnostics.map((d) => d.range).reduce((a, b) => a.union(b));
  const symbol = await enclosingSymbol(document, span.start);
  if (symbol && symbol.contains(span) && symbol.end.line - symbol.start.line <= MAX_SYMBOL_LINES) return selectionAttachment(document, symbol);
  const start = Math.max(0, span.start.line - CONTEXT_LINES);
  const end = Math.min(document.lineCount - 1, span.end.line + CONTEXT_LINES);
  return selectionAttachment(document, new vscode.Range(start, 0, end, document.lineAt(end).text.length));
}

/** A path as `asRelativePath` wrote it: relative to the folder, `folderName/…` in a multi-root workspace, or absolute outside. */
function uriOfRelative(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return vscode.Uri.file(path);
  const named = folders.length > 1 ? folders.find((f) => path.startsWith(`${f.name}/`)) : undefined;
  if (named) return vscode.Uri.joinPath(named.uri, path.slice(named.name.length + 1));
  return folders[0] && vscode.Uri.joinPath(folders[0].uri, path);
}

export class ProblemTurns {
  /** Where each quick fix of this window pointed, for Try again. */
  private readonly places = new Map<string, Place>();

  constructor(
    private readonly chat: ChatController,
    private readonly settle?: SettleTimes,
  ) {}

  async run(request: ProblemRequest, uri: unknown, range: unknown): Promise<void> {
    if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range)) return; // only ever called by our code actions
    if (request === 'fix' && !vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Claude can fix problems only in a trusted workspace (it edits files). Explain Problem with Claude works here.'));
      return;
    }
    const at = () => actionable(vscode.languages.getDiagnostics(uri)).filter((d) => d.range.intersection(range) !== undefined);
    const document = await vscode.workspace.openTextDocument(uri);
    const diagnostics = at().length ? at() : await this.recheck(document, at);
    if (!diagnostics.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No error or warning is reported there any more.'));
      return;
    }
    await this.chat.ensureRestored();
    await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
    if (!(await this.readyToStart())) return;
    const attachment = await codeAround(document, diagnostics);
    const problems = diagnostics.map(toProblem);
    const watch = request === 'fix' ? new DiagnosticWatch(uri) : undefined;
    try {
      const turn = await this.chat.session.send(problemPrompt(request, attachment.path, problems), [attachment]);
      if (turn && watch) await this.verify(turn, problems, watch, { uri, range });
    } finally {
      watch?.dispose();
    }
  }

  /**
   * A language server may check a file only once it is open (Try again on a file closed since, or
   * after a reload, when the server is still starting): show it and wait for its problems, visibly.
   */
  private async recheck(document: vscode.TextDocument, at: () => vscode.Diagnostic[]): Promise<vscode.Diagnostic[]> {
    await showToCheck(document);
    const title = vscode.l10n.t('Checking {0} for problems…', vscode.workspace.asRelativePath(document.uri));
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => reported(document.uri, at, REOPEN_WAIT_MS));
  }

  /** Try again on a reply whose problem is still reported: the diagnostics as they are now. */
  async tryAgain(replyId: string): Promise<void> {
    const place = this.places.get(replyId) ?? this.placeFromChat(replyId);
    if (!place) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The problem this reply was about is no longer known; use Fix with Claude on it again.'));
      return;
    }
    await this.run('fix', place.uri, place.range);
  }

  /** After a fix was accepted, says whether the editor still reports the problem. */
  private async verify(turn: AssistantTurn, problems: readonly Problem[], watch: DiagnosticWatch, place: Place): Promise<void> {
    if (!turn.changed?.length || turn.status !== 'done') return; // nothing was applied: nothing to check
    const diagnostics = actionable(await watch.settled(this.settle));
    const outcome = fixOutcome(problems, diagnostics.map(toProblem));
    if (!outcome.resolved) {
      // Try again looks where the problem is now: the fix may have moved it (a line added above).
      const still = diagnostics.filter((d) => problems.some((p) => sameProblem(p, toProblem(d))));
      this.places.set(turn.id, still.length ? { uri: place.uri, range: still.map((d) => d.range).reduce((a, b) => a.union(b)) } : place);
    }
    this.chat.session.annotate(turn.id, outcome.note, outcome.resolved ? [] : ['tryAgain']);
  }

  /** After a reload: the place from the code attached to the message the reply answered. */
  private placeFromChat(replyId: string): Place | undefined {
    const turns = this.chat.session.conversation().turns;
    const asked = turns[turns.findIndex((t) => t.id === replyId) - 1];
    const code = asked?.role === 'user' ? asked.attachments?.find((a): a is SelectionAttachment => a.kind === 'selection') : undefined;
    const uri = code && uriOfRelative(code.path);
    if (!code || !uri) return undefined;
    // To the end of the last line: a range ending at its column 0 misses a problem further along that line.
    return { uri, range: new vscode.Range(code.startLine - 1, 0, code.endLine - 1, Number.MAX_SAFE_INTEGER) };
  }

  /** A reply already in progress is never stopped silently: the user chooses. */
  private async readyToStart(): Promise<boolean> {
    const session = this.chat.session;
    if (!session.busy) return true;
    const stop: vscode.MessageItem = { title: vscode.l10n.t({ message: 'Stop and Ask', comment: ['Button of a modal question: stop the reply in progress and ask about the problem'] }) };
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Claude is still replying. Stop that reply and ask about this problem?'), { modal: true }, stop);
    if (answer !== stop) return false;
    session.stop();
    await session.idle();
    return !session.busy;
  }
}
