/**
 * Messages from the host are checked field by field, and what is wrong is dropped rather than the
 * whole message: a usage field that is not a number (a gateway, an imported chat) must not blank
 * the view or leave a reply stuck on Stop. A bad optional field goes, a bad list entry goes; a
 * message whose required fields are wrong is still refused.
 */
import type { HostToWebview } from './protocol';
import {
  isAttachmentView,
  isConversationUsage,
  isHostToWebview,
  isModelOption,
  isRecord,
  isReplyPart,
  isToolsStatus,
  isTranscriptEntry,
  isUsage,
  REPLY_ACTIONS,
} from './protocolGuards';

type Fields = Record<string, unknown>;

const list = (value: unknown, keep: (v: unknown) => boolean) => (Array.isArray(value) ? value.filter(keep) : []);
const isAction = (a: unknown) => REPLY_ACTIONS.includes(a as string);
const ZERO_USAGE = { total: { input: 0, cacheRead: 0, cacheWrite: 0, output: 0 }, contextUsed: 0, contextLimit: 1 };

/** Leaves out the optional fields that fail their check. */
function withoutBad(value: Fields, checks: Readonly<Record<string, (v: unknown) => boolean>>): Fields {
  const out: Fields = { ...value };
  for (const [key, ok] of Object.entries(checks)) if (out[key] !== undefined && !ok(out[key])) delete out[key];
  return out;
}

function repairEntry(entry: unknown): unknown {
  if (!isRecord(entry)) return entry;
  const fixed = withoutBad(entry, { usage: isUsage, note: (v) => typeof v === 'string', thinking: (v) => typeof v === 'string', model: (v) => typeof v === 'string', attachments: Array.isArray, status: (v) => typeof v === 'string' });
  if (Array.isArray(fixed.parts)) fixed.parts = fixed.parts.filter(isReplyPart);
  if (Array.isArray(fixed.actions)) fixed.actions = fixed.actions.filter(isAction);
  if (Array.isArray(fixed.attachments)) fixed.attachments = fixed.attachments.filter((a) => typeof a === 'string');
  return fixed;
}

function repair(value: Fields): Fields {
  switch (value.type) {
    case 'init':
      return {
        ...value,
        models: list(value.models, isModelOption),
        transcript: list(value.transcript, () => true).map(repairEntry).filter(isTranscriptEntry),
        usage: isConversationUsage(value.usage) ? value.usage : ZERO_USAGE,
        instructionFiles: list(value.instructionFiles, (f) => typeof f === 'string'),
        attachments: list(value.attachments, isAttachmentView),
        tools: isToolsStatus(value.tools) ? value.tools : { enabled: false },
      };
    case 'replyEnd':
    case 'replyActions': {
      const fixed = withoutBad(value, { usage: isUsage, note: (v) => typeof v === 'string' });
      return { ...fixed, ...(Array.isArray(value.actions) ? { actions: value.actions.filter(isAction) } : value.type === 'replyActions' ? { actions: [] } : {}) };
    }
    case 'models':
      return { ...value, models: list(value.models, isModelOption) };
    case 'attachments':
      return { ...value, items: list(value.items, isAttachmentView) };
    default:
      return value;
  }
}

/** The message as the webview can use it, or undefined when its required fields are wrong. */
export function readHostMessage(value: unknown): HostToWebview | undefined {
  if (!isRecord(value)) return undefined;
  const fixed = repair(value);
  return isHostToWebview(fixed) ? fixed : undefined;
}
