/** Writing the fake server's answers: request ids, JSON bodies, the API's error body and scripted steps. */
import type { ServerResponse } from 'node:http';
import type { Step } from './sse';

let requestCounter = 0;

/** A fresh `request-id` for the next request; error bodies name the latest. */
export const nextRequestId = (): string => `req_fake_${++requestCounter}`;

/** Runs one scripted step; false when the script ended the response (dropped or closed) on purpose. */
export async function runStep(step: Step, res: ServerResponse): Promise<boolean> {
  switch (step.kind) {
    case 'event':
      res.write(`event: ${step.name}\ndata: ${JSON.stringify(step.data)}\n\n`);
      return true;
    case 'raw':
      res.write(step.text);
      return true;
    case 'delay':
      await new Promise((resolve) => setTimeout(resolve, step.ms));
      return true;
    case 'wait':
      step.reached?.();
      await step.until;
      return true;
    case 'drop':
      res.socket?.destroy();
      return false;
    case 'end':
      res.end();
      return false;
  }
}

/** The API's error body, with the latest request's id. */
export function errorBody(type: string, message: string): unknown {
  return { type: 'error', error: { type, message }, request_id: `req_fake_${requestCounter}` };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
