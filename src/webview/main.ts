/** The chat webview: renders what the host says, sends what the user does. */
import './l10nSetup'; // first: every string below is built in VS Code's display language
import * as l10n from '@vscode/l10n';
import { assertNever, readHostMessage, type HostToWebview, type ModelOption } from '../core/protocol/protocol';
import { AttachmentList } from './attachmentList';
import { handleCodeBlockActions } from './codeBlockActions';
import { Composer } from './composer';
import { AttachInput } from './attachInput';
import { el } from './dom';
import { ModelPicker } from './modelPicker';
import { Notices } from './notices';
import { ReplyOptions } from './replyOptions';
import { IgnoredSettingsLine } from './ignoredSettingsLine';
import { ToolsStatusLine } from './toolsStatusLine';
import { welcomeElement } from './welcome';
import { Transcript } from './transcript';
import { ConversationMeter } from './usageView';
import { loadDraft, postToHost, saveDraft } from './vscodeApi';

const transcript = new Transcript({
  retry: () => postToHost({ type: 'retry' }),
  resend: (text) => {
    clearErrors();
    postToHost({ type: 'editLast', text });
    composer.focus();
  },
  keepDraft: (text) => composer.restore(text),
  copy: (text) => postToHost({ type: 'copyCode', code: text }),
  errorAction: (action) => postToHost({ type: action }),
  decide: (cardId, accept) => postToHost({ type: 'editDecision', cardId, accept }),
  showDiff: (cardId) => postToHost({ type: 'showDiff', cardId }),
  decideCommand: (cardId, run, allowPrefix) => postToHost(allowPrefix ? { type: 'commandDecision', cardId, run, allowPrefix } : { type: 'commandDecision', cardId, run }),
  remove: (id) => postToHost({ type: 'removeQueued', id }),
  edit: (id) => postToHost({ type: 'editQueued', id }),
  action: (action, id) => {
    if (action === 'revert' || action === 'tryAgain') postToHost({ type: action, id });
    else postToHost({ type: action });
  },
});
const notices = new Notices(
  (action) => postToHost({ type: action }),
  () => composer.focus(),
);
/** Errors that no longer apply go: a new message, a new chat, a key set or cleared. */
function clearErrors(): void {
  notices.clearErrors();
  transcript.clearErrors();
}
const models = new ModelPicker((model) => {
  options.update(modelOptions, model);
  postToHost({ type: 'selectModel', model });
});
const meter = new ConversationMeter(() => postToHost({ type: 'compact' }));
const options = new ReplyOptions();
let modelOptions: readonly ModelOption[] = [];
function showModels(list: readonly ModelOption[], selected: string): void {
  modelOptions = list;
  options.update(list, models.update(list, selected));
}
const attachments = new AttachmentList((id) => postToHost({ type: 'removeAttachment', id }));
const composer = new Composer(
  {
    send: (text) => {
      clearErrors();
      // A queued message goes out later with its own options unknown: the prefill waits for a message sent now.
      const prefill = streamingId === undefined ? options.take() : undefined;
      postToHost(prefill ? { type: 'send', text, prefill } : { type: 'send', text });
    },
    stop: () => postToHost({ type: 'stop' }),
    newChat: () => postToHost({ type: 'newChat' }),
    draftChanged: saveDraft,
    attachImage: () => postToHost({ type: 'attachImage' }),
    lastPrompt: () => transcript.lastPrompt,
  },
  models.element,
);
const instructions = el('p', { className: 'instructions', hidden: true }, { 'aria-label': l10n.t('Workspace instructions') });
function showInstructions(files: readonly string[]): void {
  instructions.hidden = files.length === 0;
  instructions.textContent = files.length ? l10n.t('Using instructions from {0}', files.join(', ')) : '';
}
const tools = new ToolsStatusLine();
const ignoredSettings = new IgnoredSettingsLine();
const empty = welcomeElement((text) => {
  composer.setDraft(text);
  saveDraft(text);
  composer.focus();
});

const app = document.getElementById('app') ?? document.body;
app.append(empty, transcript.view, notices.element, instructions, tools.element, ignoredSettings.element, meter.element, attachments.element, options.element, composer.element);
composer.setDraft(loadDraft());

// Images and PDFs: pasted into the message box, dropped anywhere on the view, or picked with "Attach image".
const attach = new AttachInput({ post: postToHost, error: (message) => notices.showError(message, []) });
attach.listen(app);

// Code block buttons, delegated: the code goes to the host, which owns the clipboard and the editor.
handleCodeBlockActions(transcript.element);

let streamingId: string | undefined;

function setStreaming(id: string | undefined): void {
  streamingId = id;
  composer.setStreaming(id !== undefined);
  meter.setBusy(id !== undefined);
}

function handle(message: HostToWebview): void {
  switch (message.type) {
    case 'init': {
      transcript.reset(message.transcript);
      if (notices.setHasKey(message.hasKey)) notices.clearErrors();
      showModels(message.models, message.model);
      meter.update(message.usage);
      showInstructions(message.instructionFiles);
      attachments.update(message.attachments);
      tools.update(message.tools);
      transcript.setQueue(message.queue);
      const live = message.transcript.find((e) => e.role === 'assistant' && !e.status);
      setStreaming(live?.id);
      break;
    }
    case 'keyStatus': // sent when a key is set or cleared: errors about the old one no longer apply
      notices.setHasKey(message.hasKey);
      clearErrors();
      break;
    case 'attachments':
      attachments.update(message.items);
      break;
    case 'imageFile':
      void attach.hostImage(message.name, message.mediaType, message.data, message.url);
      break;
    case 'instructions':
      showInstructions(message.files);
      break;
    case 'ignoredSettings':
      ignoredSettings.update(message.keys, message.userOnly);
      break;
    case 'models':
      showModels(message.models, message.selected);
      break;
    case 'userMessage':
      transcript.addUser(message.id, message.text, true, message.attachments, message.automatic);
      break;
    case 'replyStart':
      clearErrors();
      transcript.startReply(message.id, message.model);
      setStreaming(message.id);
      break;
    case 'replyDelta':
      transcript.appendReply(message.id, message.text);
      break;
    case 'thinkingDelta':
      transcript.appendThinking(message.id, message.text);
      break;
    case 'replyReset':
      transcript.resetReply(message.id);
      break;
    case 'replyStatus':
      transcript.setReplyNote(message.id, message.text);
      break;
    case 'toolsStatus':
      tools.update(message.status);
      break;
    case 'toolNote':
      transcript.addToolNote(message.id, message.text, message.isError);
      break;
    case 'editCard':
      transcript.addEditCard(message.id, message.card);
      break;
    case 'editState':
      transcript.setEditState(message.cardId, message.state, message.note);
      break;
    case 'commandCard':
      transcript.setCommandCard(message.id, message.card);
      break;
    case 'commandOutput':
      transcript.appendCommandOutput(message.cardId, message.text);
      break;
    case 'commandState':
      transcript.setCommandState(message.cardId, message.state, { exitCode: message.exitCode, elapsedMs: message.elapsedMs, note: message.note, timedOut: message.timedOut });
      break;
    case 'replyActions':
      transcript.setReplyActions(message.id, message.actions, message.note);
      break;
    case 'replyEnd':
      transcript.endReply(message.id, message.status, message.usage, message.note, message.actions);
      if (streamingId === message.id) setStreaming(undefined);
      break;
    case 'usage':
      meter.update(message.usage);
      break;
    case 'summary':
      transcript.addSummary(message.id, message.text, message.freed, message.streamed);
      break;
    case 'compacting':
      meter.setCompacting(message.active);
      // Stop (and Escape) end a summary that takes long, as they end a reply.
      composer.setStreaming(message.active || streamingId !== undefined);
      break;
    case 'removeMessage':
      transcript.remove(message.id);
      if (streamingId === message.id) setStreaming(undefined);
      break;
    case 'error':
      if (!message.replyId || !transcript.showError(message.replyId, message.message, message.actions)) notices.showError(message.message, message.actions);
      break;
    case 'queue':
      transcript.setQueue(message.items);
      break;
    case 'restoreComposer':
      composer.restore(message.text, message.append);
      break;
    case 'focusComposer':
      composer.focus();
      break;
    case 'cleared':
      transcript.reset([]);
      transcript.setQueue([]);
      clearErrors();
      setStreaming(undefined);
      composer.focus();
      break;
    default:
      assertNever(message);
  }
  empty.hidden = !transcript.isEmpty;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = readHostMessage(event.data);
  if (message) handle(message);
  else console.warn('Claude Chat: a message from the extension did not match the protocol and was ignored', event.data);
});

postToHost({ type: 'ready' });
composer.focus();
