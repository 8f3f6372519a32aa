/**
 * An endpoint that does not take the effort setting for a model (a cloud that has not caught up
 * with the API, a gateway that checks fields): the refused request goes again without it, once per
 * reply; the reply says so, and the endpoint is not sent it for that model again for a week.
 */
import * as l10n from '@vscode/l10n';
import type { ClassifiedError } from '../api/errors';
import type { CreateMessageRequest } from '../api/wire';
import type { EndpointMemory } from './endpointFeatures';
import type { RequestPlan } from './requestPlan';

/** A refusal about the effort field (`output_config: Extra inputs are not permitted`, an effort the model lacks). */
const ABOUT_EFFORT = /\boutput_config\b|\beffort\b/i;

/** The memory's key for a model at an endpoint: the effort setting is taken or refused per model. */
export function effortKey(endpoint: string, modelId: string): string {
  return `${endpoint}#${modelId}`;
}

export interface EffortRefusalHost {
  readonly endpoint: string | undefined;
  readonly memory: EndpointMemory | undefined;
  readonly plan: Pick<RequestPlan, 'model' | 'dropEffort'>;
  /** Says on the reply what was left out. */
  note(text: string): void;
}

export class EffortRefusal {
  private mended = false;

  constructor(private readonly host: EffortRefusalHost) {}

  /** True when `request` was refused for its effort and the plan now leaves it out (send again). */
  mend(error: ClassifiedError, request: CreateMessageRequest): boolean {
    const effort = request.output_config?.effort;
    if (this.mended || !effort || error.status !== 400 || !ABOUT_EFFORT.test(error.detail ?? error.message)) return false;
    const { endpoint, memory, plan } = this.host;
    if (!plan.dropEffort()) return false;
    this.mended = true;
    if (endpoint) memory?.remember(effortKey(endpoint, plan.model.id), 'effort');
    this.host.note(
      l10n.t(
        'The endpoint does not take the effort setting ({0}) for {1}: this reply was sent without it, and so are later ones to this endpoint and model (for a week).',
        effort,
        plan.model.label,
      ),
    );
    return true;
  }
}
