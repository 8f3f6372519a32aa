/** What each message from the webview asks of the chat engine. */
import { assertNever, type WebviewToHost } from '../protocol/protocol';
import type { ChatEngine } from './chatEngine';
import type { ChatEngineDeps } from './chatEngineDeps';

/** `host` runs what the engine leaves to the host (the key and model pickers, Try again). */
export function handleWebviewMessage(engine: ChatEngine, host: ChatEngineDeps, message: WebviewToHost): Promise<void> {
  switch (message.type) {
    case 'ready':
    case 'selectModel':
    case 'copyCode':
    case 'insertCode':
    case 'addImage':
    case 'attachImage':
    case 'attachUris':
      return Promise.resolve(); // handled by the host
    case 'send':
      return engine.send(message.text, undefined, message.prefill).then(() => undefined);
    case 'editLast':
      return engine.editLast(message.text);
    case 'stop':
      return Promise.resolve(engine.stop());
    case 'retry':
      return engine.retry();
    case 'continue':
      return engine.continueReply();
    case 'newChat':
      return engine.newChat();
    case 'setApiKey':
      return Promise.resolve(host.requestApiKey());
    case 'pickModel':
      return Promise.resolve(host.pickModel?.());
    case 'removeAttachment':
      return Promise.resolve(engine.pending.remove(message.id));
    case 'editDecision':
      return Promise.resolve(engine.decide(message.cardId, message.accept));
    case 'showDiff':
      return Promise.resolve(engine.showDiff(message.cardId));
    case 'revert':
      return engine.revert(message.id);
    case 'tryAgain':
      return host.tryAgain?.(message.id) ?? Promise.resolve();
    default:
      return assertNever(message);
  }
}
