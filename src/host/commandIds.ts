/** Command ids of the product contract. */
export const Command = {
  newChat: 'claudeChat.newChat',
  /** Summarizes the earlier conversation now (the button "Compact now" near the context meter). */
  compactChat: 'claudeChat.compactChat',
  setApiKey: 'claudeChat.setApiKey',
  clearApiKey: 'claudeChat.clearApiKey',
  selectModel: 'claudeChat.selectModel',
  /** Where requests go: the Anthropic API or a cloud (user settings). */
  selectProvider: 'claudeChat.selectProvider',
  showHistory: 'claudeChat.showHistory',
  exportChat: 'claudeChat.exportChat',
  importChat: 'claudeChat.importChat',
  explainSelection: 'claudeChat.explainSelection',
  addSelectionToChat: 'claudeChat.addSelectionToChat',
  fixDiagnostic: 'claudeChat.fixDiagnostic',
  explainDiagnostic: 'claudeChat.explainDiagnostic',
} as const;
