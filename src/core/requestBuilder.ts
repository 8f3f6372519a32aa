/** Builds the Messages API request for the next reply. */
import type { Settings } from './settings';
import type { CreateMessageRequest, MessageParam } from './wire';

/** The request for a reply to `history`, which ends with the user's turn. */
export function buildRequest(settings: Settings, history: readonly MessageParam[]): CreateMessageRequest {
  return {
    model: settings.model,
    max_tokens: settings.maxTokens,
    messages: history,
  };
}
