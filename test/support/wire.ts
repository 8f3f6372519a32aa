/** Reading recorded requests in tests. */

interface Block {
  readonly type: string;
  readonly text?: string;
}

/** The text of a request message, whether its content is a string or blocks. */
export function messageText(message: { content: string | Block[] }): string {
  return typeof message.content === 'string' ? message.content : message.content.map((b) => b.text ?? '').join('');
}

/** [role, text] of each message of a recorded request body. */
export function transcriptOf(body: { messages: Array<{ role: string; content: string | Block[] }> }): Array<[string, string]> {
  return body.messages.map((m) => [m.role, messageText(m)]);
}
