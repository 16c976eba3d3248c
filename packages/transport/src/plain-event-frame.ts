import { crc32 } from 'node:zlib';

/**
 * The fast path of the ConverseStream frame decoder: a frame that is a plain event (its two
 * CRCs right, and its headers exactly the string headers `:message-type` `event`,
 * `:event-type` one of the ConverseStream event types and `:content-type`, in any order) is
 * read in place: no header objects, no UTF-8 decoding of header names and values, no views
 * made. Any other frame (an exception, an error, a bad CRC or length, an unknown event type or
 * header) is left to the codec, which decodes it, or throws its own error, as before.
 */

/** The ConverseStream event types, as `:event-type` carries them (bytes) and as keys. */
export const CONVERSE_STREAM_EVENT_TYPES = [
  'messageStart',
  'contentBlockStart',
  'contentBlockDelta',
  'contentBlockStop',
  'messageStop',
  'metadata',
] as const;

export type PlainEventType = (typeof CONVERSE_STREAM_EVENT_TYPES)[number];
const EVENT_TYPES = CONVERSE_STREAM_EVENT_TYPES;

const TYPE_BYTES = EVENT_TYPES.map((type) => Buffer.from(type, 'utf8'));
const MESSAGE_TYPE = Buffer.from(':message-type', 'utf8');
const EVENT_TYPE = Buffer.from(':event-type', 'utf8');
const CONTENT_TYPE = Buffer.from(':content-type', 'utf8');
const EVENT = Buffer.from('event', 'utf8');

/** The header value type tag of a string (event-stream encoding). */
const STRING_TAG = 7;
/** Total length, headers length, prelude CRC; then the message CRC at the end. */
const PRELUDE = 12;
const OVERHEAD = 16;

/**
 * CRC-32 with zlib's polynomial, eight bytes a step ("slice-by-8": table `k` holds the CRC of a
 * byte followed by `k` zero bytes), for the short spans read without a view (zlib's beyond).
 */
const CRC_TABLES = new Int32Array(256 * 8);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLES[n] = c;
}
for (let n = 0; n < 256; n++) {
  let c = CRC_TABLES[n] as number;
  for (let k = 1; k < 8; k++) {
    c = (CRC_TABLES[c & 0xff] as number) ^ (c >>> 8);
    CRC_TABLES[k * 256 + n] = c;
  }
}
/** Up to this many bytes the table loop costs no more than zlib's call and its view. */
const SHORT_SPAN = 1024;

/** The CRC-32 of `bytes[start, end)` continuing from `crc` (0 to start), as `zlib.crc32`. */
function crcOf(bytes: Buffer, start: number, end: number, crc: number): number {
  if (end - start > SHORT_SPAN) return crc32(bytes.subarray(start, end), crc) >>> 0;
  const t = CRC_TABLES;
  const b = bytes as unknown as number[];
  let c = ~crc;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    c ^=
      (b[i] as number) |
      ((b[i + 1] as number) << 8) |
      ((b[i + 2] as number) << 16) |
      ((b[i + 3] as number) << 24);
    const d =
      (b[i + 4] as number) |
      ((b[i + 5] as number) << 8) |
      ((b[i + 6] as number) << 16) |
      ((b[i + 7] as number) << 24);
    c =
      (t[1792 + (c & 0xff)] as number) ^
      (t[1536 + ((c >>> 8) & 0xff)] as number) ^
      (t[1280 + ((c >>> 16) & 0xff)] as number) ^
      (t[1024 + (c >>> 24)] as number) ^
      (t[768 + (d & 0xff)] as number) ^
      (t[512 + ((d >>> 8) & 0xff)] as number) ^
      (t[256 + ((d >>> 16) & 0xff)] as number) ^
      (t[d >>> 24] as number);
  }
  for (; i < end; i++) c = (t[(c ^ (b[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
}

/** Whether `bytes[at, at + length)` holds exactly `want`. */
function same(bytes: Buffer, at: number, length: number, want: Buffer): boolean {
  if (length !== want.length) return false;
  for (let i = 0; i < length; i++) if (bytes[at + i] !== want[i]) return false;
  return true;
}

function eventTypeAt(bytes: Buffer, at: number, length: number): PlainEventType | undefined {
  for (let t = 0; t < TYPE_BYTES.length; t++) {
    if (same(bytes, at, length, TYPE_BYTES[t] as Buffer)) return EVENT_TYPES[t];
  }
  return undefined;
}

/**
 * The event type of the frame `bytes[start, start + length)` when it is a plain event (see the
 * file's comment); `undefined` for any other frame. Its payload starts at `payloadStart`. Reads the
 * frame, keeps nothing.
 */
export function plainEventType(
  bytes: Buffer,
  start: number,
  length: number,
): PlainEventType | undefined {
  if (length < OVERHEAD || bytes.readUInt32BE(start) !== length) return undefined;
  const headersLength = bytes.readUInt32BE(start + 4);
  if (headersLength > length - OVERHEAD) return undefined;
  const end = start + length;
  const prelude = crcOf(bytes, start, start + 8, 0);
  if (bytes.readUInt32BE(start + 8) !== prelude) return undefined;
  if (bytes.readUInt32BE(end - 4) !== crcOf(bytes, start + 8, end - 4, prelude)) return undefined;
  let at = start + PRELUDE;
  const headersEnd = at + headersLength;
  let isEvent = false;
  let type: PlainEventType | undefined;
  while (at < headersEnd) {
    const nameLength = bytes[at] as number;
    const name = at + 1;
    // tag, then a 2-byte value length
    if (name + nameLength + 3 > headersEnd) return undefined;
    if (bytes[name + nameLength] !== STRING_TAG) return undefined;
    const valueLength = bytes.readUInt16BE(name + nameLength + 1);
    const value = name + nameLength + 3;
    if (value + valueLength > headersEnd) return undefined;
    if (same(bytes, name, nameLength, MESSAGE_TYPE)) {
      isEvent = same(bytes, value, valueLength, EVENT);
    } else if (same(bytes, name, nameLength, EVENT_TYPE)) {
      type = eventTypeAt(bytes, value, valueLength);
    } else if (!same(bytes, name, nameLength, CONTENT_TYPE)) {
      return undefined;
    }
    at = value + valueLength;
  }
  return isEvent ? type : undefined;
}

/** Where the payload of a well-formed frame at `start` begins (its end: 4 bytes before the frame's). */
export function payloadStart(bytes: Buffer, start: number): number {
  return start + PRELUDE + bytes.readUInt32BE(start + 4);
}
