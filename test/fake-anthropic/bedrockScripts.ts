/**
 * Replies only Bedrock sends: an exception frame in the middle of a stream
 * (`:message-type: exception`), which the Bedrock SDK turns into an SSE `error` event named after
 * the exception. Every other script of scripts.ts plays on Bedrock's routes as it is.
 */
import { AWS_EXCEPTION_EVENT, type AwsExceptionData } from './bedrockReply';
import { messageStart, textBlock, type Reply, type Step, type StreamOptions } from './sse';

/** The wording of a throttling exception sent mid-stream. */
export const STREAM_THROTTLING_MESSAGE = 'Too many requests, please wait before trying again. You have sent too many requests.  Wait before trying again.';

/** One exception frame, e.g. `awsException('modelStreamErrorException', { message, originalStatusCode: 500 })`. */
export function awsException(exceptionType: string, body: Readonly<Record<string, unknown>>): Step {
  const data: AwsExceptionData = { exceptionType, body };
  return { kind: 'event', name: AWS_EXCEPTION_EVENT, data };
}

/** Streams `chunks` of text, then the exception frame: the block never closes and no `message_stop` comes. */
export function exceptionMidStream(chunks: readonly string[], exceptionType: string, message: string, o: StreamOptions = {}): Reply {
  const block = textBlock(0, chunks, o).slice(0, -1);
  return { kind: 'stream', steps: [messageStart(o), ...block, awsException(exceptionType, { message })] };
}
