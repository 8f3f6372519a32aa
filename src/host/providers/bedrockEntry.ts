// Entry of dist/lazy/bedrock.mjs: the Bedrock SDK and the AWS credential chain, loaded the first time Bedrock is used.
export { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
export { fromNodeProviderChain } from '@aws-sdk/credential-providers';
