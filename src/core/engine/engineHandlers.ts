/**
 * The webview messages the chat engine answers, as handlers for the one webview router (the host
 * adds its own for the rest: see src/host/chat/webviewRouter.ts). The compiler checks that the
 * two lists cover every message type together.
 */
import type { Handlers, WebviewToHost } from '../protocol/protocol';
import type { ChatEngine } from './chatEngine';
import type { ChatEngineDeps } from './chatEngineDeps';

/** The message types the engine handles; the host handles the others. */
export type EngineMessage = Extract<
  WebviewToHost,
  { type: 'send' | 'editLast' | 'stop' | 'retry' | 'continue' | 'newChat' | 'setApiKey' | 'pickModel' | 'removeAttachment' | 'editDecision' | 'commandDecision' | 'showDiff' | 'revert' | 'tryAgain' | 'removeQueued' | 'editQueued' | 'compact' }
>;
export type HostMessage = Exclude<WebviewToHost, EngineMessage>;

/** `host` runs what the engine leaves to the host (the key and model pickers, Try again). */
export function engineHandlers(engine: ChatEngine, host: ChatEngineDeps): Handlers<EngineMessage, Promise<void>> {
  return {
    send: (m) => engine.send(m.text, undefined, m.prefill).then(() => undefined),
    editLast: (m) => engine.editLast(m.text),
    stop: async () => engine.stop(),
    retry: () => engine.retry(),
    continue: () => engine.continueReply(),
    newChat: () => engine.newChat(),
    setApiKey: async () => host.requestApiKey(),
    pickModel: async () => host.pickModel?.(),
    removeAttachment: async (m) => engine.pending.remove(m.id),
    editDecision: async (m) => void engine.tools?.decide(m.cardId, m.accept),
    commandDecision: (m) => decideCommand(engine, host, m),
    showDiff: async (m) => void engine.tools?.showDiff(m.cardId),
    revert: (m) => engine.revert(m.id),
    removeQueued: async (m) => engine.queue.remove(m.id),
    editQueued: async (m) => engine.queue.edit(m.id),
    compact: () => engine.compact(),
    tryAgain: (m) => host.tryAgain?.(m.id) ?? Promise.resolve(),
  };
}

/** Run or Skip on a command card; `allowPrefix` is saved before the command goes, so the next matching one (within ms) finds it. */
async function decideCommand(engine: ChatEngine, host: ChatEngineDeps, m: Extract<EngineMessage, { type: 'commandDecision' }>): Promise<void> {
  // Only the prefix the waiting card offered can be added this way (never one the message brings along).
  const offered = engine.tools?.offeredPrefix(m.cardId);
  if (m.run && offered !== undefined && m.allowPrefix?.trim() === offered) await host.allowCommandPrefix?.(offered);
  engine.tools?.decide(m.cardId, m.run);
}
