import {
  type ConverseStreamOutput,
  InternalServerException,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';

const toUtf8 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const fromUtf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** The event types of ConverseStream; others are skipped, as the SDK skips unknown members. */
const EVENT_TYPES = new Set([
  'messageStart',
  'contentBlockStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
]);

type ExceptionClass = new (opts: { message: string; $metadata: Record<string, never> }) => Error;

/** The modeled in-stream exceptions, by `:exception-type`, as the SDK throws them. */
const EXCEPTIONS: Record<string, ExceptionClass> = {
  internalServerException: InternalServerException as unknown as ExceptionClass,
  modelStreamErrorException: ModelStreamErrorException as unknown as ExceptionClass,
  serviceUnavailableException: ServiceUnavailableException as unknown as ExceptionClass,
  throttlingException: ThrottlingException as unknown as ExceptionClass,
  validationException: ValidationException as unknown as ExceptionClass,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** Fields the SDK types as blobs (base64 in the JSON payload, bytes in the SDK's output). */
function decodeBlobs(type: string, payload: Json): void {
  if (type !== 'contentBlockDelta' || !isObject(payload.delta)) return;
  const reasoning = payload.delta.reasoningContent;
  if (isObject(reasoning) && typeof reasoning.redactedContent === 'string') {
    reasoning.redactedContent = new Uint8Array(Buffer.from(reasoning.redactedContent, 'base64'));
  }
}

function exceptionOf(code: string, body: Uint8Array): Error {
  const text = toUtf8(body);
  const Known = EXCEPTIONS[code];
  if (Known === undefined) {
    // What the SDK throws for an exception type it does not model.
    return Object.assign(new Error(text), { name: code });
  }
  let fields: Json = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed)) fields = parsed;
  } catch {
    fields = { message: text };
  }
  const message = typeof fields.message === 'string' ? fields.message : code;
  return Object.assign(new Known({ ...fields, message, $metadata: {} }), fields, { message });
}

/**
 * Decodes a ConverseStream response body (`application/vnd.amazon.eventstream`) into the events
 * the SDK would yield, with `@smithy/eventstream-codec` (the SDK's own frame codec: prelude and
 * message CRCs checked) and `JSON.parse`, instead of the SDK's schema-driven deserialiser, which
 * costs about four times as much CPU per event (see the capacity section of BENCHMARKS.md).
 * Same outcomes as the SDK: frames split across chunks, unknown event types and the `p` padding
 * field skipped, `redactedContent` as bytes, `:message-type` `error` thrown as an `Error` named
 * by `:error-code`, modeled exceptions thrown as the SDK's exception classes, and a body that
 * ends inside a frame throws "Truncated event message received.". Errors of the body itself
 * (a reset socket) pass through unchanged.
 */
export async function* decodeConverseStream(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ConverseStreamOutput, void, undefined> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
    let offset = 0;
    while (pending.length - offset >= 4) {
      const total = pending.readUInt32BE(offset);
      if (pending.length - offset < total) break;
      const message = codec.decode(pending.subarray(offset, offset + total));
      offset += total;
      const messageType = message.headers[':message-type']?.value;
      if (messageType === 'error') {
        const code = String(message.headers[':error-code']?.value ?? 'UnknownError');
        const text = message.headers[':error-message']?.value;
        throw Object.assign(new Error(text ? String(text) : 'UnknownError'), { name: code });
      }
      if (messageType === 'exception') {
        throw exceptionOf(String(message.headers[':exception-type']?.value), message.body);
      }
      if (messageType !== 'event') {
        throw new Error(
          `Unrecognizable event type: ${String(message.headers[':event-type']?.value)}`,
        );
      }
      const type = String(message.headers[':event-type']?.value);
      if (!EVENT_TYPES.has(type)) continue;
      const payload: unknown = JSON.parse(toUtf8(message.body));
      if (!isObject(payload)) continue;
      delete payload.p;
      decodeBlobs(type, payload);
      yield { [type]: payload } as unknown as ConverseStreamOutput;
    }
    pending = offset === pending.length ? Buffer.alloc(0) : pending.subarray(offset);
  }
  if (pending.length > 0) throw new Error('Truncated event message received.');
}
