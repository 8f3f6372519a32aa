/**
 * How the requests of one reply (or of Compact now) are built: the settings, model, system text
 * and tools read once, the messages through the compaction policy, and the keeper that holds the
 * requests inside the context window.
 */
import type { AssistantTurn, ClientSummary, Turn } from '../conversation/turns';
import type { ModelInfo } from '../models/models';
import { buildRequest, type RequestContext } from '../api/requestBuilder';
import type { CreateMessageRequest, ToolDefinition } from '../api/wire';
import { requestMessages, serverContextManagement, type TokenGauge } from '../context/compaction';
import type { ChatEngineDeps } from './chatEngineDeps';
import type { RequestFor } from './compactor';
import { ContextKeeper, type KeeperHost } from './contextKeeper';
import type { ChatBackend } from './replyStream';
import type { DroppableFeature } from './endpointFeatures';

/** What a plan needs from the engine. */
export interface PlanHost {
  readonly deps: ChatEngineDeps;
  readonly gauge: TokenGauge;
  modelFor(id: string): ModelInfo;
  /** The tool definitions when tools are on now. */
  toolDefinitions(): readonly ToolDefinition[] | undefined;
  /** What the endpoint was found not to take for this model: left out of every request. */
  refused?(modelId: string): readonly DroppableFeature[];
}

/** What the keeper stores and reports through. */
export type KeeperLink = Pick<KeeperHost, 'attach' | 'usageChanged' | 'save'>;

export interface RequestPlan {
  readonly model: ModelInfo;
  /** The request for the conversation `turns` (the reply in progress as the last turn); `prefill` on a reply's first request only. */
  request(turns: readonly Turn[], prefill?: string): CreateMessageRequest;
  readonly requestFor: RequestFor;
  keeper(backend: ChatBackend, turns: () => readonly Turn[], link: KeeperLink): ContextKeeper;
  /** Leaves `feature` out of this plan's later requests; false when it was already left out. */
  drop(feature: DroppableFeature): boolean;
}

/** `noThinking`: a prefilled reply keeps thinking off in every request, its summary requests included. */
export function planRequests(host: PlanHost, noThinking = false): RequestPlan {
  const { deps } = host;
  const chosen = deps.settings();
  const model = host.modelFor(chosen.model);
  const dropped = new Set<DroppableFeature>(host.refused?.(model.id));
  const tools = host.toolDefinitions();
  const system = deps.system?.();
  const management = serverContextManagement(model);
  // Read as each request is built: drop() changes the requests after it.
  const shared = () => ({
    settings: { ...chosen, ...(dropped.has('effort') ? { effort: 'default' as const } : {}), ...(dropped.has('thinking') ? { thinking: 'off' as const } : {}) },
    model,
    system,
    noThinking,
    noCache: dropped.has('caching'),
  });
  const base = (): RequestContext => ({ ...shared(), tools, management });
  const requestFor: RequestFor = (messages, bare) => buildRequest(bare ? shared() : { ...shared(), tools }, messages);
  return {
    model,
    requestFor,
    request: (turns, prefill) => buildRequest({ ...base(), prefill }, requestMessages(turns)),
    drop: (feature) => {
      if (dropped.has(feature)) return false;
      dropped.add(feature);
      return true;
    },
    keeper: (backend, turns, link) =>
      new ContextKeeper({
        backend,
        gauge: host.gauge,
        model,
        serverCompacts: management !== undefined,
        turns,
        requestFor,
        post: deps.post,
        attach: link.attach,
        usageChanged: link.usageChanged,
        save: link.save,
        stream: { policy: deps.retry, sleep: deps.sleep },
      }),
  };
}

/** Stores `summary` on the last round of the last reply in `turns`; the updated reply, or undefined when there is none. */
export function summarizedReply(turns: readonly Turn[], summary: ClientSummary): AssistantTurn | undefined {
  const reply = [...turns].reverse().find((t): t is AssistantTurn => t.role === 'assistant' && t.rounds.length > 0);
  if (!reply) return undefined;
  return { ...reply, rounds: reply.rounds.map((r, i) => (i === reply.rounds.length - 1 ? { ...r, summary } : r)) };
}
