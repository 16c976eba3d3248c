import { crc32 } from 'node:zlib';
import {
  type ConverseStreamOutput,
  InternalServerException,
  ModelStreamErrorException,
  ServiceUnavailableException,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { CONVERSE_STREAM_EVENT_TYPES, payloadStart, plainEventType } from './plain-event-frame.js';

// The BOM kept, invalid bytes replaced: what `Buffer#toString('utf8')` gives, at less cost per call.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const toUtf8 = (bytes: Uint8Array): string => utf8.decode(bytes);
const fromUtf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const codec = new EventStreamCodec(toUtf8, fromUtf8);

/** The event types of ConverseStream; others are skipped, as the SDK skips unknown members. */
const EVENT_TYPES: ReadonlySet<string> = new Set(CONVERSE_STREAM_EVENT_TYPES);

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
 * Decodes ConverseStream frames chunk by chunk, synchronously: `push` appends the events of the
 * frames a chunk completes (a frame split across chunks waits for its end), `end` checks that no
 * frame was left unfinished. A frame that fails (an error or exception message, a bad CRC) is
 * thrown by `push` after the events before it were appended.
 */
const EMPTY = Buffer.alloc(0);
/** Total length, headers length, and the CRC-32 of those 8 bytes. */
const PRELUDE_BYTES = 12;

/**
 * Throws the codec's own error when the prelude of the frame at `at` fails its CRC (the
 * event-stream specification: both checksums must be validated, corruption recognised at once).
 */
function checkPrelude(bytes: Buffer, at: number): void {
  const specified = bytes.readUInt32BE(at + 8);
  const calculated = crc32(bytes.subarray(at, at + 8)) >>> 0;
  if (specified !== calculated) {
    throw new Error(
      `The prelude checksum specified in the message (${specified}) does not match the calculated CRC32 checksum (${calculated})`,
    );
  }
}

export class ConverseStreamDecoder {
  #pending: Buffer = EMPTY;

  push(chunk: Uint8Array, out: ConverseStreamOutput[]): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    const pending = this.#pending.length === 0 ? bytes : Buffer.concat([this.#pending, bytes]);
    let offset = 0;
    try {
      while (pending.length - offset >= 4) {
        const total = pending.readUInt32BE(offset);
        if (pending.length - offset < total) {
          // A frame still arriving: its prelude is checked as soon as it is here, so that a
          // damaged length fails now rather than waiting (until a deadline) for bytes that the
          // length only claims.
          if (pending.length - offset >= PRELUDE_BYTES) checkPrelude(pending, offset);
          break;
        }
        const start = offset;
        offset += total;
        const event = readFrame(pending, start, total);
        if (event !== undefined) out.push(event);
      }
    } finally {
      this.#pending = offset === pending.length ? EMPTY : pending.subarray(offset);
    }
  }

  /** Throws when the body ended inside a frame. */
  end(): void {
    if (this.#pending.length > 0) throw new Error('Truncated event message received.');
  }
}

/**
 * The frame `bytes[start, start + length)` as `decodeFrame` reads it: a plain event in place,
 * anything else (failures included) by the codec.
 */
export function readFrame(
  bytes: Buffer,
  start: number,
  length: number,
): ConverseStreamOutput | undefined {
  const type = plainEventType(bytes, start, length);
  const end = start + length;
  return type === undefined
    ? decodeFrame(bytes.subarray(start, end))
    : // The payload decoded from the frame's bytes in place (the same text as `toUtf8`).
      eventOf(type, bytes.toString('utf8', payloadStart(bytes, start), end - 4));
}

/**
 * One frame through the codec: its event, `undefined` for one the SDK skips, or thrown when it
 * is a failure (the reference `readFrame` is held to).
 */
export function decodeFrame(frame: Uint8Array): ConverseStreamOutput | undefined {
  const message = codec.decode(frame);
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
    throw new Error(`Unrecognizable event type: ${String(message.headers[':event-type']?.value)}`);
  }
  const type = String(message.headers[':event-type']?.value);
  if (!EVENT_TYPES.has(type)) return undefined;
  return eventOf(type, toUtf8(message.body));
}

/** The event of a frame of an event type the SDK knows, from its payload's text. */
function eventOf(type: string, text: string): ConverseStreamOutput | undefined {
  const payload: unknown = JSON.parse(text);
  if (!isObject(payload)) return undefined;
  delete payload.p;
  decodeBlobs(type, payload);
  return { [type]: payload } as unknown as ConverseStreamOutput;
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
 * (a reset socket) pass through unchanged. A Node `Readable` body is best read with
 * `readConverseStream` (the same events, fewer promises per event).
 */
export async function* decodeConverseStream(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<ConverseStreamOutput, void, undefined> {
  const decoder = new ConverseStreamDecoder();
  const events: ConverseStreamOutput[] = [];
  for await (const chunk of body) {
    let failure: unknown;
    try {
      decoder.push(chunk, events);
    } catch (err) {
      failure = err;
    }
    // The events before a failed frame first, as they were read.
    for (const event of events.splice(0)) yield event;
    if (failure !== undefined) throw failure;
  }
  decoder.end();
}
