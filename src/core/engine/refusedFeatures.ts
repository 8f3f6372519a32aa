/**
 * Features an endpoint may not take for a model (a cloud that has not caught up with the API, a
 * gateway that checks fields): the effort setting, extended thinking, prompt caching. A request
 * refused for one goes again without it, once per feature and reply; the reply says so, and the
 * endpoint is not sent it for that model again for a week.
 */
import * as l10n from '@vscode/l10n';
import type { ClassifiedError } from '../api/errors';
import type { CreateMessageRequest } from '../api/wire';
import type { DroppableFeature, EndpointMemory } from './endpointFeatures';
import type { RequestPlan } from './requestPlan';

interface FeatureRule {
  readonly feature: DroppableFeature;
  /** The request carries the feature. */
  sent(request: CreateMessageRequest): boolean;
  /** A refusal about it (`output_config: Extra inputs are not permitted`, "thinking is not supported for this model"). */
  readonly about: RegExp;
  /** What was left out, for the note. */
  what(request: CreateMessageRequest): string;
}

/** The words of a refusal, as a pattern's source (built into the rules below). */
const REFUSED = /(?:extra inputs|not (?:supported|permitted|allowed|available)|unsupported|invalid|unknown|unexpected|input should be)/.source;

const RULES: readonly FeatureRule[] = [
  {
    feature: 'effort',
    sent: (r) => r.output_config !== undefined,
    about: new RegExp(`\\b(?:output_config|effort)\\b[^.]*${REFUSED}`, 'i'),
    what: (r) => l10n.t('the effort setting ({0})', r.output_config?.effort ?? ''),
  },
  {
    feature: 'thinking',
    sent: (r) => r.thinking !== undefined,
    // About the request's `thinking` field (`thinking.type: …`), not a thinking block of the history (`messages.1.content.0.thinking: …`).
    about: new RegExp(`(?:^|[\\s"'\\x60])thinking(?:\\.\\w+)*:|(?:^|\\b(?:adaptive|extended) )thinking\\b[^.]*${REFUSED}`, 'i'),
    what: () => l10n.t('extended thinking'),
  },
  {
    feature: 'caching',
    sent: (r) => JSON.stringify(r).includes('"cache_control"'),
    about: new RegExp(`\\bcache_control\\b[^.]*${REFUSED}|\\bprompt caching\\b[^.]*${REFUSED}`, 'i'),
    what: () => l10n.t('prompt caching'),
  },
];

/** The memory's key for a model at an endpoint: a feature is taken or refused per model. */
export function modelAtEndpoint(endpoint: string, modelId: string): string {
  return `${endpoint}#${modelId}`;
}

/** The features `memory` says the endpoint refused for the model. */
export function refusedFeatures(memory: EndpointMemory, endpoint: string, modelId: string): DroppableFeature[] {
  return RULES.filter((rule) => memory.lacks(modelAtEndpoint(endpoint, modelId), rule.feature)).map((rule) => rule.feature);
}

export interface FeatureRefusalsHost {
  readonly endpoint: string | undefined;
  readonly memory: EndpointMemory | undefined;
  readonly plan: Pick<RequestPlan, 'model' | 'drop'>;
  /** Says on the reply what was left out. */
  note(text: string): void;
}

export class FeatureRefusals {
  private readonly dropped: string[] = [];

  constructor(private readonly host: FeatureRefusalsHost) {}

  /** True when `request` was refused for a feature the plan now leaves out (send again). */
  mend(error: ClassifiedError, request: CreateMessageRequest): boolean {
    if (error.status !== 400) return false;
    const detail = error.detail ?? error.message;
    const rule = RULES.find((r) => r.sent(request) && r.about.test(detail));
    const { endpoint, memory, plan } = this.host;
    if (!rule || !plan.drop(rule.feature)) return false;
    if (endpoint) memory?.remember(modelAtEndpoint(endpoint, plan.model.id), rule.feature);
    this.dropped.push(rule.what(request));
    this.host.note(
      l10n.t(
        'The endpoint does not take {0} for {1}: this reply was sent without it, and so are later ones to this endpoint and model (for a week).',
        this.dropped.join(l10n.t({ message: ', ', comment: ['Between the items of a short list'] })),
        plan.model.label,
      ),
    );
    return true;
  }
}
