/** Command ids of the product contract. */
export const Command = {
  newChat: 'claudeChat.newChat',
  setApiKey: 'claudeChat.setApiKey',
  clearApiKey: 'claudeChat.clearApiKey',
} as const;
