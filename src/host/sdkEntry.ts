// Entry of dist/lazy/sdk.mjs: the SDK, bundled apart so activation never parses it (esbuild.mjs, LAZY).
export * from '@anthropic-ai/sdk';
export { default } from '@anthropic-ai/sdk';
