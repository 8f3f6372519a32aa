/**
 * Sending a scripted reply to a Messages request: an HTTP answer or raw text as scripted, the
 * assembled message for a request that is not a stream, or the script's SSE steps one by one.
 * Each thinking signature and compaction block that reaches the client is recorded as issued, so
 * the fake accepts it when a later request sends it back.
 */
import type { ServerResponse } from 'node:http';
import { compactionOf } from './compaction';
import type { RecordedRequest } from './recording';
import { runStep, sendJson, sendJsonCut } from './respond';
import { assembleMessage, type Reply, type Step } from './scripts';
import { signatureOf } from './sse';

/** What the fake has handed out: thinking signatures, and compaction blocks (encrypted content → summary). */
export interface Issued {
  readonly signatures: Set<string>;
  readonly compactions: Map<string, string>;
}

export interface SendOptions {
  /** Wrap a plain JSON message as some gateways do: `{"code":200,"data":{...}}`. */
  readonly wrapJson: boolean;
  readonly issued: Issued;
}

/** Answers `record` with `reply`: as a stream when the request asked for one, else as one JSON message. */
export async function sendReply(reply: Reply, record: RecordedRequest, res: ServerResponse, { wrapJson, issued }: SendOptions): Promise<void> {
  if (reply.kind === 'http') return sendJson(res, reply.status, reply.body, reply.headers);
  if (reply.kind === 'raw') {
    res.writeHead(reply.status, { 'content-type': reply.contentType, ...reply.headers });
    return void res.end(reply.text);
  }
  if (!record.json?.stream) {
    const message = assembleMessage(reply.steps);
    const body = wrapJson ? { code: 200, data: message } : message;
    // A script that drops the connection cuts the plain JSON answer part-way too.
    if (reply.steps.some((step) => step.kind === 'drop')) return sendJsonCut(res, 200, body, reply.headers);
    reply.steps.forEach((step) => issue(step, issued));
    return sendJson(res, 200, body, reply.headers);
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...reply.headers });
  res.flushHeaders();
  for (const step of reply.steps) {
    if (record.aborted) return;
    if (!(await runStep(step, res))) return;
    issue(step, issued);
  }
  res.end();
}

/** Records the signature or compaction a step hands to the client, so it is accepted when sent back. */
function issue(step: Step, issued: Issued): void {
  const signature = signatureOf(step);
  if (signature) issued.signatures.add(signature);
  const compaction = compactionOf(step);
  if (compaction) issued.compactions.set(compaction.encrypted, compaction.content);
}
