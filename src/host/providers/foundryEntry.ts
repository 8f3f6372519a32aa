// Entry of dist/lazy/foundry.mjs: the Foundry SDK, loaded the first time Microsoft Foundry is used.
export { AnthropicFoundry } from '@anthropic-ai/foundry-sdk';
