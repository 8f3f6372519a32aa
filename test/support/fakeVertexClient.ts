/** The real Vertex AI SDK pointed at the fake server, and one fake for a suite, reset before each test. */
import { AnthropicVertex, type ClientOptions } from '@anthropic-ai/vertex-sdk';
import { VERTEX_API_VERSION } from '../fake-anthropic/vertexRoutes';
import { FakeAnthropic } from '../fake-anthropic/server';
import { removeCredentialFiles, staticTokenClient } from './vertexCredentials';

/**
 * `AnthropicVertex` for the fake's project and region at `<fake>/v1`, without retries, sending the
 * `anthropic_version` Vertex documents (the SDK copies the `anthropic-version` header into the body,
 * and its own default is the API's `2026-10-21`). Give `authClient` or `googleAuth`: without one the
 * SDK looks for Application Default Credentials at once.
 */
export function vertexClientFor(fake: FakeAnthropic, options: ClientOptions = {}): AnthropicVertex {
  return new AnthropicVertex({
    projectId: fake.vertex.projectId,
    region: fake.vertex.region,
    baseURL: `${fake.url}/v1`,
    maxRetries: 0,
    defaultHeaders: { 'anthropic-version': VERTEX_API_VERSION },
    ...options,
  });
}

/** Registers the hooks in the calling `describe`; `ready` receives the server and a client holding a token the fake takes, before each test. */
export function useFakeVertex(ready: (fake: FakeAnthropic, client: AnthropicVertex) => void): void {
  let fake: FakeAnthropic;
  before(async () => {
    fake = await FakeAnthropic.start();
  });
  after(async () => {
    removeCredentialFiles();
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    ready(fake, vertexClientFor(fake, { authClient: staticTokenClient(fake) }));
  });
}
