// Entry of dist/lazy/bedrock.mjs: the Bedrock SDK, the AWS credential chain and the model listing, loaded the first time Bedrock is used.
export { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
export { awsCredentialChain, BedrockListingError, listInferenceProfiles } from './bedrockListing';
