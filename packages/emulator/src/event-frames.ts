import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import type { StreamEvent } from './types.js';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const str = (value: string) => ({ type: 'string' as const, value });

/**
 * Encodes one stream event as an event-stream frame. A key ending in `Exception`
 * (e.g. `throttlingException`) becomes an exception frame, anything else an event frame.
 */
export function encodeEvent(event: StreamEvent): Uint8Array {
  const entry = Object.entries(event)[0];
  if (!entry) throw new TypeError('A stream event needs exactly one key (its event type)');
  const [type, payload] = entry;
  const headers: MessageHeaders = type.endsWith('Exception')
    ? { ':message-type': str('exception'), ':exception-type': str(type) }
    : { ':message-type': str('event'), ':event-type': str(type) };
  headers[':content-type'] = str('application/json');
  return codec.encode({ headers, body: fromUtf8(JSON.stringify(payload ?? {})) });
}

/** A copy of `frame` with one payload byte flipped, so its message CRC no longer matches. */
export function corruptFrame(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  const at = copy.length - 5;
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}
