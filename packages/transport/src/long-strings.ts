import { randomBytes } from 'node:crypto';

/** Strings at least this many UTF-16 units long are copied into a body as bytes (default). */
export const LONG_STRING_UNITS = 4096;

/** `String.prototype.isWellFormed` (ES2024; Node 20 has it): no lone surrogate. */
const isWellFormed = (value: string): boolean =>
  (value as string & { isWellFormed?: () => boolean }).isWellFormed?.() === true;

/**
 * Random per process: a body's text holds it only by chance (and then `encode` notices and the
 * body is written the plain way), so a client cannot aim at it. Not a secret: a collision only
 * costs the fast path, never the bytes.
 */
const NONCE = randomBytes(12).toString('base64url');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether `bytes[start, end)` (UTF-8 of a well-formed string) holds no byte that JSON must escape:
 * a control character (< 0x20), `"` or `\`. Bytes of multi-byte characters are all >= 0x80, so
 * they never match. Four bytes at a time where aligned, with the usual bit tricks:
 * `(x - 0x20202020) & ~x & 0x80808080` is non-zero when a byte of `x` is below 0x20, and
 * `(y - 0x01010101) & ~y & 0x80808080` when a byte of `y` is zero (`y = x ^ 0x22222222` finds a
 * quote, `x ^ 0x5c5c5c5c` a backslash). Both are exact as yes/no answers.
 */
export function needsNoJsonEscape(bytes: Uint8Array, start: number, end: number): boolean {
  const plain = (b: number): boolean => b >= 0x20 && b !== QUOTE && b !== BACKSLASH;
  let i = start;
  while (i < end && (bytes.byteOffset + i) % 4 !== 0) {
    if (!plain(bytes[i] as number)) return false;
    i += 1;
  }
  const count = (end - i) >>> 2;
  if (count > 0) {
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset + i, count);
    for (let w = 0; w < count; w += 1) {
      const x = words[w] as number;
      const q = x ^ 0x22222222;
      const s = x ^ 0x5c5c5c5c;
      if (
        (((x - 0x20202020) & ~x) | ((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s)) &
        0x80808080
      )
        return false;
    }
    i += count * 4;
  }
  for (; i < end; i += 1) if (!plain(bytes[i] as number)) return false;
  return true;
}

/** A long string set aside: the token standing for it in the skeleton, and its JSON as bytes. */
interface SetAside {
  /** The JSON string literal of the token, quotes included, as it appears in the skeleton. */
  literal: string;
  /** The JSON string literal of `original` as UTF-8, quotes included. */
  json: Buffer;
}

/**
 * Writes JSON whose long strings need no escaping without scanning and copying them through
 * `JSON.stringify` (for a 100K-token prompt the largest single cost of a request): `take` sets
 * each such string aside as its UTF-8 bytes between quotes and hands back a short token to put
 * in its place; `encode` stringifies the small skeleton and splices the bytes in where the
 * tokens are. The result is byte for byte `Buffer.from(JSON.stringify(value))` of the value with
 * the strings in place: a string is set aside only when well formed (no lone surrogate, which
 * `JSON.stringify` escapes) and free of control characters, `"` and `\`, the only other
 * characters it escapes. Tokens carry a random nonce (`NONCE`); should the skeleton hold it
 * anywhere else, `encode` says so and the caller writes the value the plain way.
 */
export class LongStrings {
  readonly #minUnits: number;
  readonly #items: SetAside[] = [];

  /** `minUnits`: how long a string must be to be set aside (default `LONG_STRING_UNITS`). */
  constructor(minUnits = LONG_STRING_UNITS) {
    this.#minUnits = minUnits;
  }

  /** `value` itself, or a token standing for it when it is long and needs no escape. */
  take(value: string): string {
    if (value.length < this.#minUnits || !isWellFormed(value)) return value;
    const length = Buffer.byteLength(value, 'utf8');
    const json = Buffer.allocUnsafe(length + 2);
    json[0] = QUOTE;
    json.write(value, 1, length, 'utf8');
    json[length + 1] = QUOTE;
    if (!needsNoJsonEscape(json, 1, length + 1)) return value;
    const token = `bb-long-string:${NONCE}:${this.#items.length}`;
    this.#items.push({ literal: `"${token}"`, json });
    return token;
  }

  /**
   * The UTF-8 JSON of `wire` (built with `take`), the set-aside strings in place; `undefined`
   * when a token's text shows in the skeleton anywhere else (the caller then writes the value
   * again without setting strings aside).
   */
  encode(wire: unknown): Buffer | undefined {
    const skeleton = JSON.stringify(wire);
    if (this.#items.length === 0) return Buffer.from(skeleton, 'utf8');
    const at = this.#positions(skeleton);
    if (at === undefined) return undefined;
    const parts: Buffer[] = [];
    let from = 0;
    for (const [position, item] of at) {
      parts.push(Buffer.from(skeleton.slice(from, position), 'utf8'), item.json);
      from = position + item.literal.length;
    }
    parts.push(Buffer.from(skeleton.slice(from), 'utf8'));
    return Buffer.concat(parts);
  }

  /** Where each token's literal is in `skeleton`, in order; undefined if the nonce shows elsewhere. */
  #positions(skeleton: string): [number, SetAside][] | undefined {
    let seen = 0;
    for (let i = skeleton.indexOf(NONCE); i >= 0; i = skeleton.indexOf(NONCE, i + 1)) seen += 1;
    if (seen !== this.#items.length) return undefined;
    const at: [number, SetAside][] = [];
    for (const item of this.#items) {
      const position = skeleton.indexOf(item.literal);
      if (position < 0) return undefined;
      at.push([position, item]);
    }
    return at.sort((a, b) => a[0] - b[0]);
  }
}
