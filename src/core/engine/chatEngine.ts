/**
 * One chat conversation: takes the webview's requests, runs replies through the turn loop and
 * reports every change as protocol messages. It is busy from the first instant a turn starts
 * (before any await), so there are never two streams at once. Knows nothing of VS Code or the SDK.
 */
import * as l10n from '@vscode/l10n';
import { attachmentView, type Attachment } from '../context/attachments';
import type { AssistantTurn, Conversation, UserTurn } from '../conversation/turns';
import { messageOf } from '../api/errors';
import { modelInfo, priced, type ModelInfo } from '../models/models';
import { type ConversationUsage, type HostToWebview, type ReplyAction, type ToolsStatus, type TranscriptEntry, routerOf } from '../protocol/protocol';
import type { LiveReply } from './liveReply';
import { backendOrSay, runReply, type ReplyHost } from './replyRunner';
import { busyMessage, CONTINUE_TEXT, continueShown, retryChangedMessage, type ChatEngineDeps } from './chatEngineDeps';
export { busyMessage, CONTINUE_TEXT, MAX_VIEW_CHARACTERS, noKeyMessage, retryChangedMessage, type ChatEngineDeps } from './chatEngineDeps';
import { ConversationState } from './conversationState';
import { PendingAttachments } from './pendingAttachments';
import { ToolRunner } from './toolRunner';
import { actionsOf, conversationUsage, replyEntry, shownUserText, userViewFields, transcriptOf } from './transcriptView';
import { engineHandlers, type EngineMessage } from './engineHandlers';
import { endedNormally, MessageQueue } from './messageQueue';
import { TokenGauge } from '../context/compaction';
import { compactBusyMessage, compactNow } from './compactNow';
import { SessionEndpointMemory } from './endpointFeatures';

let counter = 0;
const defaultId = () => `m${Date.now().toString(36)}${(counter++).toString(36)}`;
export class ChatEngine {
  private readonly state = new ConversationState();
  /** Context for the next message (Add Selection to Chat, pasted images). */
  readonly pending: PendingAttachments;
  /** Messages sent while a reply runs; they go out when it ends normally. */
  readonly queue: MessageQueue;
  private live: LiveReply | undefined;
  private abort: AbortController | undefined;
  private running: Promise<void> = Promise.resolve();
  /** The tool runner, with the review and command cards waiting for a decision. */
  readonly tools: ToolRunner | undefined;
  /** Token estimates, calibrated by the endpoint's counts as replies arrive. */
  private readonly gauge = new TokenGauge();
  private readonly route: (message: EngineMessage) => Promise<void>;
  /** The conversation this engine has saved at least once. */
  private savedId: string | undefined;
  /** This window's memory of what endpoints lack (when the host keeps none), and the uploads they refused. */
  private readonly sessionEndpoints = new SessionEndpointMemory();
  private readonly refusedUploads = new Set<string>();
  constructor(private readonly deps: ChatEngineDeps) {
    this.route = routerOf(engineHandlers(this, deps));
    this.tools = deps.tools && new ToolRunner(deps.tools, deps.post);
    this.pending = new PendingAttachments(deps.post);
    // Saved at each change, so a window closed mid-reply gives the queued text back when the chat reopens.
    this.queue = new MessageQueue(deps.post, () => this.newId(), () => this.save(this.busy));
  }

  /** True from the first instant a turn starts until it has ended. */
  get busy(): boolean {
    return this.abort !== undefined;
  }

  get conversationId(): string {
    return this.state.id;
  }

  /** Resolves when no turn runs, queued messages that went out after it included. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.running;
      await seen;
    } while (seen !== this.running); // the turn that ended may have started the queued messages' turn
  }

  /** Acts on a message from the webview that the engine answers. */
  handle(message: EngineMessage): Promise<void> {
    return this.route(message);
  }

  /** The conversation as stored (a reply in progress is included with what has arrived). */
  conversation(): Conversation {
    return this.state.toConversation(this.live?.toTurn('streaming', true), this.queue.list.map((m) => m.text));
  }

  /** Replaces the conversation (reopened from history or imported). */
  async load(conversation: Conversation): Promise<void> {
    this.stop();
    await this.idle();
    this.state.load(conversation);
    // Saved while messages waited (the window closed mid-reply): their text goes back to the box, once.
    for (const text of conversation.queued ?? []) this.deps.post({ type: 'restoreComposer', text, append: true });
    if (conversation.queued?.length) this.save(false);
  }

  /** The transcript as the webview shows it, including a reply in progress. */
  transcript(): TranscriptEntry[] {
    const entries = transcriptOf(this.state.turns, (id) => this.modelFor(id));
    if (this.live) entries.push(replyEntry(this.live.toTurn('streaming', true), this.modelFor(this.live.model), true, true));
    return entries;
  }

  usage(): ConversationUsage {
    return conversationUsage(this.state.turns, (id) => this.modelFor(id), this.currentModel());
  }

  toolsStatus(): ToolsStatus {
    return this.deps.tools ? (this.deps.toolsStatus?.() ?? { enabled: true }) : { enabled: false };
  }

  snapshot(hasKey: boolean): HostToWebview {
    const settings = this.deps.settings();
    const models = this.knownModels().map((m) => ({ id: m.id, label: m.label, prefill: m.prefill }));
    const instructionFiles = this.deps.instructionFiles?.() ?? [];
    const attachments = this.pending.list.map(attachmentView);
    return { type: 'init', hasKey, model: settings.model, models, transcript: this.transcript(), usage: this.usage(), instructionFiles, attachments, tools: this.toolsStatus(), queue: [...this.queue.list] };
  }

  /**
   * Sends a message with the pending attachments, or with `attachments` when given (Explain
   * Selection sends its own without touching what the user has collected). A message from the box
   * while a turn runs is queued; a command's is refused (its attachments are not the box's).
   */
  send(text: string, attachments?: readonly Attachment[], prefill?: string): Promise<AssistantTurn | undefined> {
    if (!text.trim()) return Promise.resolve(undefined);
    if (this.busy) {
      if (attachments) this.deps.post({ type: 'error', message: busyMessage(), actions: [] });
      else this.queue.add(text);
      return Promise.resolve(undefined);
    }
    return this.startTurn(async (abort) => {
      const backend = await backendOrSay(this.deps);
      if (!backend) {
        if (!attachments) this.deps.post({ type: 'restoreComposer', text });
        return;
      }
      const attached = attachments ?? this.pending.take();
      const editor = this.deps.editorContext?.();
      const user: UserTurn = { id: this.newId(), role: 'user', text, ...(attached.length ? { attachments: [...attached] } : {}), ...(editor ? { editor } : {}) };
      this.state.turns.push(user);
      this.deps.post({ type: 'userMessage', id: user.id, text: shownUserText(user), ...userViewFields(user) });
      this.save(false);
      return runReply(this.replyHost(), backend, abort, { fresh: user, prefill, fromCommand: attachments !== undefined });
    });
  }

  stop(): void {
    this.abort?.abort();
  }

  /** Generates the last reply again. */
  retry(): Promise<void> {
    const last = this.state.turns.at(-1);
    if (this.busy || !last) return Promise.resolve();
    // Regenerating would drop the reply and with it the only way to revert what it wrote.
    if (last.role === 'assistant' && last.changed?.length && !last.reverted) return Promise.resolve(this.deps.post({ type: 'error', message: retryChangedMessage(), actions: [] }));
    return this.startTurn(async (abort) => {
      const backend = await backendOrSay(this.deps);
      if (backend) await runReply(this.replyHost(), backend, abort, last.role === 'assistant' ? { replaces: [last] } : {});
    }).then(() => undefined);
  }

  /**
   * Edit and resend: the last message with new text replaces it and what answered it once the new
   * reply shows something. A refusal gives the edited text back to the message box.
   */
  editLast(text: string): Promise<void> {
    const turns = this.state.turns;
    const at = turns.map((t) => t.role).lastIndexOf('user');
    const old = turns[at];
    if (!text.trim()) return Promise.resolve();
    const giveBack = (message?: string) => {
      this.deps.post({ type: 'restoreComposer', text });
      if (message) this.deps.post({ type: 'error', message, actions: [] });
    };
    if (this.busy) return Promise.resolve(giveBack(busyMessage()));
    if (old?.role !== 'user') return Promise.resolve(giveBack());
    const after = turns.slice(at);
    if (after.some((t) => t.role === 'assistant' && t.changed?.length && !t.reverted)) return Promise.resolve(giveBack(retryChangedMessage()));
    return this.startTurn(async (abort) => {
      const backend = await backendOrSay(this.deps);
      if (!backend) return giveBack();
      // Continue's message, sent again unchanged, stays the English text Claude was sent (the view shows it translated).
      const unchangedContinue = old.text === CONTINUE_TEXT && text === continueShown();
      const user: UserTurn = { ...old, id: this.newId(), text: unchangedContinue ? CONTINUE_TEXT : text };
      this.state.turns.push(user);
      this.deps.post({ type: 'userMessage', id: user.id, text: shownUserText(user), ...userViewFields(user) });
      await runReply(this.replyHost(), backend, abort, { fresh: user, replaces: after });
    }).then(() => undefined);
  }

  /** Continue on a reply cut off at the token limit: asks Claude to go on from where it stopped. */
  continueReply(): Promise<void> {
    const last = this.state.turns.at(-1);
    if (this.busy || last?.role !== 'assistant' || !last.actions?.includes('continue')) return Promise.resolve();
    const settled: AssistantTurn = { ...last, actions: last.actions.filter((a) => a !== 'continue') };
    this.updateReply(settled);
    return this.send(CONTINUE_TEXT, []).then(() => {
      if (this.state.isLast(settled)) this.updateReply(last); // the continuation failed before anything arrived: offer Continue again
    });
  }

  /** Compact now: summarizes the earlier conversation between replies (messages sent meanwhile wait for it). */
  compact(): Promise<void> {
    if (this.busy) return Promise.resolve(this.deps.post({ type: 'error', message: compactBusyMessage(), actions: [] }));
    return this.startTurn(async (abort) => {
      const backend = await backendOrSay(this.deps);
      if (backend) await compactNow(this.replyHost(), backend, abort.signal);
    }, () => true).then(() => undefined);
  }

  async newChat(): Promise<void> {
    this.stop();
    await this.idle();
    this.state.reset();
    this.deps.post({ type: 'cleared' });
    this.deps.post({ type: 'usage', usage: this.usage() });
  }

  /** Revert changes: restores the files a reply changed, once the host has asked the user. */
  revert(replyId: string): Promise<void> {
    const turn = this.state.turns.find((t) => t.id === replyId);
    if (turn?.role !== 'assistant' || !turn.changed?.length || turn.reverted) return Promise.resolve();
    if (this.busy) return Promise.resolve(this.deps.post({ type: 'error', message: l10n.t('Wait for the reply in progress to finish (or stop it) before reverting changes.'), actions: [] }));
    // Busy while files are restored, so no reply writes to them at the same time.
    return this.startTurn(async () => {
      if (!(await this.deps.revertReply?.(this.state.id, turn))) return;
      this.updateReply({ ...turn, reverted: true, note: l10n.t('Changes reverted: {0}.', turn.changed?.join(', ') ?? '') });
    }, () => true).then(() => undefined);
  }

  /** Adds a note and offers to a finished reply (a quick fix's outcome, with Try again). */
  annotate(replyId: string, note: string, offers: readonly ReplyAction[]): void {
    const turn = this.state.turns.find((t) => t.id === replyId);
    if (turn?.role === 'assistant') this.updateReply({ ...turn, note, actions: [...(turn.actions ?? []).filter((a) => !offers.includes(a)), ...offers] });
  }

  private updateReply(turn: AssistantTurn): void {
    this.state.replace(turn);
    this.deps.post({ type: 'replyActions', id: turn.id, actions: actionsOf(turn, this.state.isLast(turn)), ...(turn.note ? { note: turn.note } : {}) });
    this.save(false);
  }

  /** Marks the engine busy at once, runs the turn, always releases it (failures included), then settles the queue. */
  private startTurn<T>(run: (abort: AbortController) => Promise<T>, normal: (result: T | undefined) => boolean = (r) => endedNormally(r as AssistantTurn | undefined)): Promise<T | undefined> {
    const abort = new AbortController();
    this.abort = abort;
    const done = run(abort)
      .catch((err: unknown) => void this.deps.post({ type: 'error', message: l10n.t('Something went wrong: {0}', messageOf(err)), actions: [] }))
      .then((result) => {
        if (this.abort === abort) this.abort = undefined;
        this.settleQueue(!abort.signal.aborted && normal(result));
        return result;
      });
    this.running = done.then(() => undefined);
    return done;
  }

  /** After a turn: queued messages go out as one turn when it ended normally (not stopped), else back to the box. */
  private settleQueue(normal: boolean): void {
    const text = normal ? this.queue.take() : undefined;
    if (text !== undefined) return void this.send(text);
    this.queue.giveBack();
  }

  private replyHost(): ReplyHost {
    return {
      deps: this.deps,
      endpoints: this.deps.endpoints ?? this.sessionEndpoints,
      refusedUploads: this.refusedUploads,
      state: this.state,
      pending: this.pending,
      tools: this.tools,
      gauge: this.gauge,
      toolsStatus: () => this.toolsStatus(),
      modelFor: (id) => this.modelFor(id),
      newId: () => this.newId(),
      usage: () => this.usage(),
      save: (streaming) => this.save(streaming),
      setLive: (live) => (this.live = live),
    };
  }

  /** A chat that becomes empty again (its only message taken back) is saved empty too, so the file never keeps the older state. */
  private save(streaming: boolean): void {
    if (!this.state.turns.length && !this.live && this.savedId !== this.state.id) return;
    this.savedId = this.state.id;
    this.deps.persist?.(this.conversation(), streaming);
  }

  /** Image data by hash (the host's store writes each image once). */
  readonly images = (): Map<string, { data: string; mediaType: string }> => this.state.images();

  private readonly knownModels = (): readonly ModelInfo[] => this.deps.models?.() ?? [];

  /** The model the next message goes to. */
  currentModel = (): ModelInfo => this.modelFor(this.deps.settings().model);

  private readonly modelFor = (id: string): ModelInfo => priced(modelInfo(id, this.knownModels()), this.deps.pricesKnown?.() ?? true);

  private readonly newId = (): string => (this.deps.newId ?? defaultId)();
}
