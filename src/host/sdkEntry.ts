// Entry of dist/sdk.js: the SDK is bundled on its own so activation never parses it.
export * from '@anthropic-ai/sdk';
export { default } from '@anthropic-ai/sdk';
