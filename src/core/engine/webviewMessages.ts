/** What each message from the webview asks of the chat engine. */
import { assertNever, type WebviewToHost } from '../protocol';
import type { ChatEngine } from './chatEngine';

export function handleWebviewMessage(engine: ChatEngine, message: WebviewToHost): Promise<void> {
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
      return engine.send(message.text, undefined, message.prefill);
    case 'stop':
      return Promise.resolve(engine.stop());
    case 'retry':
      return engine.retry();
    case 'continue':
      return engine.continueReply();
    case 'newChat':
      return engine.newChat();
    case 'setApiKey':
      return Promise.resolve(engine.requestApiKey());
    case 'pickModel':
      return Promise.resolve(engine.pickModel());
    case 'removeAttachment':
      return Promise.resolve(engine.pending.remove(message.id));
    case 'editDecision':
      return Promise.resolve(engine.decide(message.cardId, message.accept));
    case 'showDiff':
      return Promise.resolve(engine.showDiff(message.cardId));
    case 'revert':
      return engine.revert(message.id);
    default:
      return assertNever(message);
  }
}
