/**
 * Compact now: between replies, summarizes the earlier conversation and stores the summary on the
 * last reply, so the next request starts from it. The button waits while it runs; a failure says
 * why and changes nothing.
 */
import * as l10n from '@vscode/l10n';
import { latestRoundSummary, summarize } from './compactor';
import type { ChatBackend } from './replyStream';
import { turnsForEndpoint } from '../context/sources';
import { sourcePolicy } from './endpointFeatures';
import { attachToLastReply, planFor, type ReplyHost } from './replyRunner';

export const compactBusyMessage = () => l10n.t('Claude is still replying: compact the chat when the reply has ended (long replies summarize by themselves when they need to).');
export const nothingToCompactMessage = () => l10n.t('There is nothing to summarize yet: the chat is as short as it can be.');

export async function compactNow(host: ReplyHost, backend: ChatBackend, signal: AbortSignal): Promise<void> {
  const { deps, state } = host;
  const plan = planFor(host, false, backend);
  deps.post({ type: 'compacting', active: true });
  try {
    const outcome = await summarize({
      earlierUsage: latestRoundSummary(state.turns)?.usage,
      // Asked for by the person: everything but Claude's last answer goes into the summary.
      keepShare: 0,
      backend,
      gauge: host.gauge,
      window: host.gauge.windowOf(plan.model),
      // Sent as a reply's requests are: each attachment from its upload at this endpoint, its address or its bytes.
      turns: turnsForEndpoint(state.turns, sourcePolicy(backend, host.endpoints)),
      requestFor: plan.requestFor,
      signal,
      status: () => {},
      stream: { policy: deps.retry, sleep: deps.sleep },
    });
    if ('failed' in outcome) return deps.post({ type: 'error', message: l10n.t('Could not summarize the conversation ({0}). Nothing changed: the chat goes on as it was.', outcome.failed), actions: [] });
    if ('nothing' in outcome) return deps.post({ type: 'error', message: nothingToCompactMessage(), actions: [] });
    if (!('summary' in outcome)) return;
    const id = attachToLastReply(host, state.turns, outcome.summary);
    if (!id) return;
    deps.post({ type: 'summary', id, text: outcome.summary.text, freed: outcome.summary.freed });
    deps.post({ type: 'usage', usage: host.usage() });
    host.save(false);
  } finally {
    deps.post({ type: 'compacting', active: false });
  }
}
