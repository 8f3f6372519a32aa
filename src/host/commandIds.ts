/** Command ids of the product contract. */
export const Command = {
  newChat: 'claudeChat.newChat',
  setApiKey: 'claudeChat.setApiKey',
  clearApiKey: 'claudeChat.clearApiKey',
  selectModel: 'claudeChat.selectModel',
  showHistory: 'claudeChat.showHistory',
  exportChat: 'claudeChat.exportChat',
  importChat: 'claudeChat.importChat',
  explainSelection: 'claudeChat.explainSelection',
  addSelectionToChat: 'claudeChat.addSelectionToChat',
} as const;
