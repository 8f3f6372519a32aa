/**
 * Runs one reply through the turn loop and settles it: a reply to keep is stored and ended; a
 * failure before anything arrived takes the message back and gives the person their text again.
 * A regenerated reply (Retry) keeps the answer it replaces until the new one shows something; if
 * the new one fails or is stopped empty, the old one stays, shown and stored.
 */
import * as l10n from '@vscode/l10n';
import type { AssistantTurn, ClientSummary, Turn, UserTurn } from '../conversation/turns';
import { messageOf, type ClassifiedError } from '../api/errors';
import { ProviderSetupProblem } from '../api/providerErrors';
import { unavailableReason, type ModelInfo } from '../models/models';
import type { ConversationUsage, HostToWebview, ReplyStatus, ToolsStatus } from '../protocol/protocol';
import type { TokenGauge } from '../context/compaction';
import { CONTINUE_TEXT, noKeyMessage, type ChatEngineDeps } from './chatEngineDeps';
import type { ConversationState } from './conversationState';
import { LiveReply } from './liveReply';
import type { PendingAttachments } from './pendingAttachments';
import type { ChatBackend } from './replyStream';
import type { ToolRunner } from './toolRunner';
import { planRequests, summarizedReply, type RequestPlan } from './requestPlan';
import { replyEntry } from './transcriptView';
import { runTurnLoop } from './turnLoop';
import { AttachmentSources } from './attachmentSources';
import type { EndpointMemory } from './endpointFeatures';
import { turnsForEndpoint } from '../context/sources';
import { FeatureRefusals, refusedFeatures } from './refusedFeatures';

/** What a reply needs from the engine that runs it. */
export interface ReplyHost {
  readonly deps: ChatEngineDeps;
  readonly endpoints: EndpointMemory;
  /** `endpoint sha256` of uploads an endpoint refused in this window. */
  readonly refusedUploads: Set<string>;
  readonly state: ConversationState;
  readonly pending: PendingAttachments;
  readonly tools: ToolRunner | undefined;
  /** Token estimates for this conversation, calibrated by the endpoint's counts. */
  readonly gauge: TokenGauge;
  toolsStatus(): ToolsStatus;
  modelFor(id: string): ModelInfo;
  newId(): string;
  usage(): ConversationUsage;
  save(streaming: boolean): void;
  /** The reply in progress, for snapshots and saves. */
  setLive(live: LiveReply | undefined): void;
}

export interface ReplyRequest {
  /** The user turn just sent: its text returns to the composer if nothing arrives. */
  readonly fresh?: UserTurn;
  /** The message came from a command (Explain, a quick fix), not the composer: a failure does not put it there. */
  readonly fromCommand?: boolean;
  readonly prefill?: string;
  /** What the new reply replaces (Retry: the last reply; edit and resend: the last message and its reply): left out of the request, kept until the new reply shows something. */
  readonly replaces?: readonly Turn[];
}

const VISIBLE: ReadonlySet<HostToWebview['type']> = new Set(['replyDelta', 'toolNote', 'editCard']);

export async function runReply(host: ReplyHost, backend: ChatBackend, abort: AbortController, request: ReplyRequest): Promise<AssistantTurn | undefined> {
  const { deps, state } = host;
  const settings = deps.settings();
  const prefill = request.prefill?.trim() ? request.prefill.trimEnd() : undefined;
  const plan = planFor(host, prefill !== undefined, backend);
  const { model } = plan;
  const toolsOn = host.tools !== undefined && host.toolsStatus().enabled;
  let replaced = request.replaces?.length ? request.replaces : undefined;
  // By id: a stored turn may be replaced by a newer copy meanwhile (an upload recorded, old thinking dropped).
  const isReplaced = (t: Turn) => replaced?.some((r) => r.id === t.id) ?? false;
  const turns = () => (replaced ? state.turns.filter((t) => !isReplaced(t)) : state.turns);
  const live = new LiveReply(host.newId(), model.id, prefill);
  // The old answer goes once the new one shows something worth more than it.
  const post = (message: HostToWebview) => {
    deps.post(message);
    if (replaced && VISIBLE.has(message.type) && 'id' in message && message.id === live.id) {
      const gone = replaced;
      state.turns = state.turns.filter((t) => !isReplaced(t));
      for (const turn of gone) deps.post({ type: 'removeMessage', id: turn.id });
      replaced = undefined;
      host.save(true);
    }
  };
  // A retired model would only answer 404: say why and offer another, the message back in the box.
  const unavailable = unavailableReason(model);
  if (unavailable) return void fail(host, live, request, { kind: 'notFound', message: unavailable, actions: ['pickModel'] }, false);
  host.setLive(live);
  const sources = new AttachmentSources({
    backend,
    memory: host.endpoints,
    refused: host.refusedUploads,
    turns,
    replace: (turn) => void state.replace(turn),
    status: (text) => deps.post({ type: 'replyStatus', id: live.id, text }),
  });
  const refusals = new FeatureRefusals({ endpoint: backend.endpoint, memory: host.endpoints, plan, note: (text) => (live.note = text) });
  // Each attachment goes from its upload, its web address or its bytes, as this endpoint takes them.
  const sent = () => turnsForEndpoint(turns(), sources.policy());
  post({ type: 'replyStart', id: live.id, model: model.label });
  if (prefill) post({ type: 'replyDelta', id: live.id, text: prefill });
  const outcome = await runTurnLoop(live, abort.signal, {
    backend,
    conversationId: state.id,
    // A prefilled reply keeps thinking off in every iteration: one thinking configuration per reply.
    request: (l) => plan.request([...sent(), l.toTurn('streaming', false)], l.rounds.length ? undefined : prefill),
    sources,
    refusals,
    context: plan.keeper(backend, sent, {
      attach: (summary) => attachToLastReply(host, turns(), summary),
      usageChanged: () => deps.post({ type: 'usage', usage: host.usage() }),
      save: (streaming) => host.save(streaming),
    }),
    healThinking: () => state.healThinking(),
    tools: toolsOn ? host.tools : undefined,
    post,
    save: (streaming) => host.save(streaming),
    maxIterations: settings.maxIterations,
    stream: { policy: deps.retry, sleep: deps.sleep },
  });
  host.setLive(undefined);
  const keepOld = replaced && (outcome.status === 'failed' || !live.hasOutput);
  if (outcome.status === 'failed' || keepOld) {
    fail(host, live, request, outcome.error, abort.signal.aborted || outcome.status === 'stopped', replaced?.filter((t) => t.role === 'assistant').at(-1)?.id);
    return undefined;
  }
  const turn = finish(host, live, outcome.status);
  if (outcome.error) deps.post({ type: 'error', message: outcome.error.message, actions: outcome.error.actions, replyId: live.id });
  return turn;
}

/** The requests of a reply (or of Compact now) as the settings are now. */
export function planFor(host: ReplyHost, noThinking = false, backend?: ChatBackend): RequestPlan {
  const toolsOn = host.tools !== undefined && host.toolsStatus().enabled;
  const endpoint = backend?.endpoint;
  return planRequests(
    {
      deps: host.deps,
      gauge: host.gauge,
      modelFor: (id) => host.modelFor(id),
      toolDefinitions: () => (toolsOn ? host.tools?.definitions() : undefined),
      refused: (id) => (endpoint !== undefined ? refusedFeatures(host.endpoints, endpoint, id) : []),
    },
    noThinking,
  );
}

/** Stores a summary on the last stored reply of `turns`; its id, or undefined when there is none. */
export function attachToLastReply(host: ReplyHost, turns: readonly Turn[], summary: ClientSummary): string | undefined {
  const updated = summarizedReply(turns, summary);
  if (!updated) return undefined;
  host.state.replace(updated);
  return updated.id;
}

function finish(host: ReplyHost, live: LiveReply, status: ReplyStatus): AssistantTurn {
  const turn = live.toTurn(status, false);
  host.state.turns.push(turn);
  const entry = replyEntry(turn, host.modelFor(turn.model), true);
  host.deps.post({ type: 'replyEnd', id: live.id, status, ...(entry.usage ? { usage: entry.usage } : {}), ...(entry.note ? { note: entry.note } : {}), ...(entry.actions ? { actions: entry.actions } : {}) });
  host.deps.post({ type: 'usage', usage: host.usage() });
  host.save(false);
  return turn;
}

/** Nothing worth keeping arrived: the new reply goes; a fresh message returns to the composer. */
/** `kept`: the earlier reply that stays (a failed Retry); the error shows on it. */
function fail(host: ReplyHost, live: LiveReply, request: ReplyRequest, error: ClassifiedError | undefined, stopped: boolean, kept?: string): void {
  const { deps } = host;
  const { fresh } = request;
  deps.post({ type: 'removeMessage', id: live.id });
  if (fresh) {
    // By id: the stored turn may be a newer copy (its attachments' uploads recorded), and those go back to the box.
    const stored = host.state.turns.find((t): t is UserTurn => t.id === fresh.id && t.role === 'user') ?? fresh;
    host.state.turns = host.state.turns.filter((t) => t.id !== fresh.id);
    deps.post({ type: 'removeMessage', id: fresh.id });
    if (!request.fromCommand && fresh.text !== CONTINUE_TEXT) {
      deps.post({ type: 'restoreComposer', text: fresh.text });
      host.pending.restore(stored.attachments ?? []);
    }
    host.save(false);
    if (!stopped && error) deps.post({ type: 'error', message: error.message, actions: error.actions.filter((a) => a !== 'retry') });
  } else if (!stopped && error) {
    deps.post({ type: 'error', message: error.message, actions: error.actions, ...(kept ? { replyId: kept } : {}) });
  }
}

/** The API backend, or undefined after saying why there is none (no key, or building the client failed). */
export async function backendOrSay(deps: ChatEngineDeps): Promise<ChatBackend | undefined> {
  try {
    const backend = await deps.backend();
    if (!backend) deps.post({ type: 'error', message: noKeyMessage(), actions: ['setApiKey'] });
    return backend;
  } catch (err) {
    // A cloud's credentials or settings to mend: the message is the fix.
    if (err instanceof ProviderSetupProblem) return void deps.post({ type: 'error', message: err.message, actions: [] });
    deps.post({ type: 'error', message: l10n.t('Could not prepare the request: {0}', messageOf(err)), actions: ['retry'] });
    return undefined;
  }
}
