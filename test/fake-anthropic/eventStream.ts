/**
 * AWS event-stream framing (`application/vnd.amazon.eventstream`), as Bedrock's
 * InvokeModelWithResponseStream sends it: each message is a prelude (total length, headers length,
 * the prelude's CRC32), string headers, a payload and the CRC32 of everything before it.
 */
import { crc32 } from 'node:zlib';

/** Header value type 7: a UTF-8 string with a 2-byte length. */
const STRING_TYPE = 7;

/** One binary event-stream message with string headers (in the order given) and `payload`. */
export function eventStreamMessage(headers: Readonly<Record<string, string>>, payload: Buffer): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name, 'utf8');
      const valueBytes = Buffer.from(value, 'utf8');
      const head = Buffer.alloc(1 + nameBytes.length + 3);
      head.writeUInt8(nameBytes.length, 0);
      nameBytes.copy(head, 1);
      head.writeUInt8(STRING_TYPE, 1 + nameBytes.length);
      head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
      return Buffer.concat([head, valueBytes]);
    }),
  );
  const total = 12 + headerBytes.length + payload.length + 4;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const message = Buffer.concat([prelude, headerBytes, payload, Buffer.alloc(4)]);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

// Bedrock pads each chunk with a prefix of this alphabet so that a chunk's size does not tell its text.
const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** The `chunk` event that carries one Anthropic stream event: `{"bytes":"<base64 of its JSON>","p":"abc…"}`. */
export function chunkFrame(eventJson: string): Buffer {
  const bytes = Buffer.from(eventJson, 'utf8').toString('base64');
  const padding = PADDING_ALPHABET.slice(0, 1 + (bytes.length % PADDING_ALPHABET.length));
  const payload = Buffer.from(JSON.stringify({ bytes, p: padding }), 'utf8');
  return eventStreamMessage({ ':event-type': 'chunk', ':content-type': 'application/json', ':message-type': 'event' }, payload);
}

/**
 * A modeled exception sent mid-stream, e.g. `throttlingException` or `modelStreamErrorException`
 * (the exception's name with a lower-case first letter), with its JSON body.
 */
export function exceptionFrame(exceptionType: string, body: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return eventStreamMessage({ ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' }, payload);
}
