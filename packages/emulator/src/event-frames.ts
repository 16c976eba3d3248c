import { crc32 } from 'node:zlib';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { StreamEvent } from './types.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const str = (value: string) => ({ type: 'string' as const, value });

/** Bytes before the headers: total length, headers length, prelude CRC (4 each). */
const PRELUDE = 12;
/** The message CRC after the payload. */
const TRAILER = 4;

/**
 * The header block of each event and exception type, as the codec writes it: taken once from a
 * frame the codec encodes with an empty payload, then reused for every event of that type.
 */
const HEADER_BLOCKS = new Map<string, Buffer>();

function headerBlock(type: string): Buffer {
  let block = HEADER_BLOCKS.get(type);
  if (block === undefined) {
    const headers: MessageHeaders = type.endsWith('Exception')
      ? { ':message-type': str('exception'), ':exception-type': str(type) }
      : { ':message-type': str('event'), ':event-type': str(type) };
    headers[':content-type'] = str('application/json');
    const frame = Buffer.from(codec.encode({ headers, body: new Uint8Array(0) }));
    block = Buffer.from(frame.subarray(PRELUDE, PRELUDE + frame.readUInt32BE(4)));
    HEADER_BLOCKS.set(type, block);
  }
  return block;
}

/**
 * Encodes one stream event as an event-stream frame. A key ending in `Exception`
 * (e.g. `throttlingException`) becomes an exception frame, anything else an event frame.
 * Byte for byte the codec's `encode` (a test holds them equal), with each type's header block
 * encoded once and the JSON payload written straight into the frame: with a thousand paced
 * streams the codec's per-event header formatting kept the emulator from holding its pace.
 */
export function encodeEvent(event: StreamEvent): Uint8Array {
  let type: string | undefined;
  for (const key in event) {
    type = key;
    break;
  }
  if (type === undefined)
    throw new TypeError('A stream event needs exactly one key (its event type)');
  const headers = headerBlock(type);
  const json = JSON.stringify(event[type] ?? {});
  const payload = Buffer.byteLength(json, 'utf8');
  const total = PRELUDE + headers.length + payload + TRAILER;
  const frame = Buffer.allocUnsafe(total);
  frame.writeUInt32BE(total, 0);
  frame.writeUInt32BE(headers.length, 4);
  frame.writeUInt32BE(crc32(frame.subarray(0, 8)), 8);
  headers.copy(frame, PRELUDE);
  frame.write(json, PRELUDE + headers.length, payload, 'utf8');
  frame.writeUInt32BE(crc32(frame.subarray(0, total - TRAILER)), total - TRAILER);
  return frame;
}

/** A copy of `frame` with one payload byte flipped, so its message CRC no longer matches. */
export function corruptFrame(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  const at = copy.length - 5;
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
