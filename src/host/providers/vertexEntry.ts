// Entry of dist/lazy/vertex.mjs: the Vertex AI SDK and Google's auth library, loaded the first time Vertex AI is used.
export { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
export { GoogleAuth } from 'google-auth-library';
