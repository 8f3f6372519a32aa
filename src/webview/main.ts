/** The chat webview: renders what the host says, sends what the user does. */
import { assertNever, isHostToWebview, type HostToWebview } from '../core/protocol';
import { Composer } from './composer';
import { el } from './dom';
import { Notices } from './notices';
import { Transcript } from './transcript';
import { loadDraft, postToHost, saveDraft } from './vscodeApi';

const transcript = new Transcript();
const notices = new Notices((action) => postToHost({ type: action }));
const composer = new Composer({
  send: (text) => {
    notices.clearErrors();
    postToHost({ type: 'send', text });
  },
  stop: () => postToHost({ type: 'stop' }),
  newChat: () => postToHost({ type: 'newChat' }),
  draftChanged: saveDraft,
});
const empty = el('p', { className: 'empty', textContent: 'Ask Claude anything. Replies stream in as they are written.' });

const app = document.getElementById('app') ?? document.body;
app.append(transcript.element, empty, notices.element, composer.element);
composer.setDraft(loadDraft());

let streamingId: string | undefined;

function setStreaming(id: string | undefined): void {
  streamingId = id;
  composer.setStreaming(id !== undefined);
}

function refreshEmpty(): void {
  empty.hidden = !transcript.isEmpty;
}

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'init': {
      transcript.reset(message.transcript);
      notices.setHasKey(message.hasKey);
      const live = message.transcript.find((e) => e.role === 'assistant' && !e.status);
      setStreaming(live?.id);
      break;
    }
    case 'keyStatus':
      notices.setHasKey(message.hasKey);
      break;
    case 'userMessage':
      transcript.addUser(message.id, message.text);
      break;
    case 'replyStart':
      transcript.startReply(message.id);
      setStreaming(message.id);
      break;
    case 'replyDelta':
      transcript.appendReply(message.id, message.text);
      break;
    case 'replyEnd':
      transcript.endReply(message.id, message.status);
      if (streamingId === message.id) setStreaming(undefined);
      break;
    case 'removeMessage':
      transcript.remove(message.id);
      if (streamingId === message.id) setStreaming(undefined);
      break;
    case 'error':
      notices.showError(message.message, message.actions);
      break;
    case 'restoreComposer':
      composer.restore(message.text);
      break;
    case 'cleared':
      transcript.reset([]);
      notices.clearErrors();
      setStreaming(undefined);
      composer.focus();
      break;
    default:
      assertNever(message);
  }
  refreshEmpty();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isHostToWebview(event.data)) handle(event.data);
});

postToHost({ type: 'ready' });
composer.focus();
