/** One fake Anthropic server for a suite, reset before each test, with a fresh client of the real SDK pointed at it. */
import Anthropic from '@anthropic-ai/sdk';
import { FakeAnthropic } from '../fake-anthropic/server';

/** Registers the hooks in the calling `describe`; `ready` receives the server and the test's client before each test. */
export function useFakeClient(ready: (fake: FakeAnthropic, client: Anthropic) => void): void {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.reset();
    ready(fake, new Anthropic({ apiKey: 'sk-test-key', baseURL: fake.url, maxRetries: 0 }));
  });
}
