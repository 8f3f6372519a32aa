/** A fake server and a real SDK client for the context-management tests, fresh for each test. */
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import * as assert from 'node:assert/strict';
import type { FakeAnthropic } from '../fake-anthropic/server';
import { useFakeClient } from '../support/fakeClient';

export type Params = Record<string, unknown>;
type Streaming = Anthropic.Beta.Messages.MessageCreateParamsStreaming;
type Plain = Anthropic.Beta.Messages.MessageCreateParamsNonStreaming;

export const COMPACT_BETA = 'compact-2026-01-12';
export const CONTEXT_BETA = 'context-management-2025-06-27';
export const BETAS = [COMPACT_BETA, CONTEXT_BETA];

export const user = (content: unknown) => ({ role: 'user', content });
export const assistant = (content: unknown) => ({ role: 'assistant', content });
/** Text of about `chars` characters that opens with `line`. */
export const long = (line: string, chars: number) => `${line}\n${'x'.repeat(chars)}`;

export interface ContextHarness {
  readonly fake: FakeAnthropic;
  /** Streams a beta request (`betas` defaults to both context betas) and returns its final message. */
  stream(p: Params): Promise<Anthropic.Beta.Messages.BetaMessage>;
  /** The same request, not streamed. */
  create(p: Params): Promise<Anthropic.Beta.Messages.BetaMessage>;
  /** Sends `p` (streamed) and returns the message of the 400 invalid_request_error it must get. */
  rejected(p: Params): Promise<string>;
}

/** Registers the hooks in the calling `describe`. */
export function useContextHarness(): ContextHarness {
  let fake: FakeAnthropic;
  let client: Anthropic;
  const full = (p: Params) => ({ model: 'claude-sonnet-5-5', max_tokens: 256, betas: BETAS, ...p });
  useFakeClient((f, c) => {
    fake = f;
    client = c;
  });
  const harness: ContextHarness = {
    get fake() {
      return fake;
    },
    stream: (p) => client.beta.messages.stream(full(p) as unknown as Streaming).finalMessage(),
    create: (p) => client.beta.messages.create(full(p) as unknown as Plain),
    async rejected(p) {
      const err = await harness.stream(p).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof APIError, `expected a 400, got ${String(err)}`);
      assert.equal(err.status, 400);
      const body = err.error as { error?: { type?: string; message?: string } };
      assert.equal(body.error?.type, 'invalid_request_error');
      return String(body.error?.message);
    },
  };
  return harness;
}
