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

/** The one-letter escapes of `JSON.stringify`, by the byte they stand for. */
const SHORT_ESCAPES = new Map<number, number>(
  [
    [0x08, 'b'],
    [0x09, 't'],
    [0x0a, 'n'],
    [0x0c, 'f'],
    [0x0d, 'r'],
    [QUOTE, '"'],
    [BACKSLASH, '\\'],
  ].map(([byte, letter]) => [byte as number, (letter as string).charCodeAt(0)]),
);
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Where in `bytes[start, end)` (UTF-8 of a well-formed string) the bytes JSON escapes are: control
 * characters (< 0x20), `"` and `\`. Bytes of multi-byte characters are all >= 0x80, so they never
 * match. Four bytes at a time where aligned, with the usual bit tricks:
 * `(x - 0x20202020) & ~x & 0x80808080` is non-zero when a byte of `x` is below 0x20, and
 * `(y - 0x01010101) & ~y & 0x80808080` when a byte of `y` is zero (`y = x ^ 0x22222222` finds a
 * quote, `x ^ 0x5c5c5c5c` a backslash). Both are exact as yes/no answers; a word they flag is
 * then read a byte at a time.
 */
export function escapePositions(bytes: Uint8Array, start: number, end: number): number[] {
  const at: number[] = [];
  const check = (i: number): void => {
    const b = bytes[i] as number;
    if (b < 0x20 || b === QUOTE || b === BACKSLASH) at.push(i);
  };
  let i = start;
  for (; i < end && (bytes.byteOffset + i) % 4 !== 0; i += 1) check(i);
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
      ) {
        const first = i + w * 4;
        for (let k = first; k < first + 4; k += 1) check(k);
      }
    }
    i += count * 4;
  }
  for (; i < end; i += 1) check(i);
  return at;
}

/** A long string's JSON literal, measured: written into a body by `writeLiteral`. */
interface MeasuredLiteral {
  value: string;
  /** Its UTF-8 length. */
  bytes: number;
  /** Offsets in its UTF-8 of the bytes JSON escapes, in order. */
  escapes: number[];
  /** Bytes the escapes add: 1 for a one-letter escape, 5 for a `\u00XX` one. */
  extra: number;
}

/**
 * Where `measure` writes a string's UTF-8 to find its escapes: reused, so that a long string
 * does not cost a fresh allocation (on a VM, first touching 300 KB of new memory costs more than
 * the scan). Strings past `SCRATCH_KEEP` bytes get a buffer of their own.
 */
let scratch = Buffer.allocUnsafeSlow(64 * 1024);
const SCRATCH_KEEP = 8 * 1024 * 1024;

/** `value`'s JSON literal measured; `undefined` for a string with a lone surrogate (left to `JSON.stringify`). */
function measureLiteral(value: string): MeasuredLiteral | undefined {
  if (!isWellFormed(value)) return undefined;
  const bytes = Buffer.byteLength(value, 'utf8');
  let into = scratch;
  if (bytes > into.length) {
    into = Buffer.allocUnsafeSlow(bytes);
    if (bytes <= SCRATCH_KEEP) scratch = into;
  }
  into.write(value, 0, bytes, 'utf8');
  const escapes = escapePositions(into, 0, bytes);
  let extra = 0;
  for (const at of escapes) extra += SHORT_ESCAPES.has(into[at] as number) ? 1 : 5;
  return { value, bytes, escapes, extra };
}

/** How many bytes `literal` takes in a body: quotes, UTF-8 and escapes. */
const literalLength = (literal: MeasuredLiteral): number => literal.bytes + 2 + literal.extra;

/**
 * Writes `literal` at `offset` of `out` (`literalLength` bytes): byte for byte
 * `JSON.stringify(literal.value)` as UTF-8. The UTF-8 goes in at the end of its room and the runs
 * between escapes move forward over the gap (`copyWithin`, no copy elsewhere), each escape
 * written behind its run; what is written never reaches what is still to move.
 */
function writeLiteral(out: Buffer, offset: number, literal: MeasuredLiteral): number {
  const { value, bytes, escapes, extra } = literal;
  out[offset] = QUOTE;
  const source = offset + 1 + extra;
  out.write(value, source, bytes, 'utf8');
  let to = offset + 1;
  let from = 0;
  for (const at of escapes) {
    const b = out[source + at] as number;
    if (to !== source + from) out.copyWithin(to, source + from, source + at);
    to += at - from;
    out[to++] = BACKSLASH;
    const letter = SHORT_ESCAPES.get(b);
    if (letter !== undefined) {
      out[to++] = letter;
    } else {
      // \u00XX, lower-case hex, as JSON.stringify writes it.
      out[to++] = 0x75;
      out[to++] = 0x30;
      out[to++] = 0x30;
      out[to++] = HEX[b >> 4] as number;
      out[to++] = HEX[b & 15] as number;
    }
    from = at + 1;
  }
  if (to !== source + from) out.copyWithin(to, source + from, source + bytes);
  to += bytes - from;
  out[to] = QUOTE;
  return to + 1 - offset;
}

/** The JSON literal of `value` as UTF-8 (`JSON.stringify(value)`), or `undefined` as `measureLiteral`. */
export function jsonStringBytes(value: string): Buffer | undefined {
  const literal = measureLiteral(value);
  if (literal === undefined) return undefined;
  const out = Buffer.allocUnsafe(literalLength(literal));
  writeLiteral(out, 0, literal);
  return out;
}

/** A long string set aside: the token standing for it in the skeleton, and its literal measured. */
interface SetAside {
  /** The JSON string literal of the token, quotes included, as it appears in the skeleton. */
  token: string;
  literal: MeasuredLiteral;
}

/**
 * Writes JSON with its long strings encoded from their UTF-8 bytes (`writeLiteral`) instead of
 * through `JSON.stringify`, which reads them one character at a time (for a 100K-token prompt the
 * largest single cost of a request): `take` measures each long string and hands back a short
 * token to put in its place; `encode` stringifies the small skeleton, then writes it and the
 * strings into one buffer, each string where its token was. The result is byte for byte
 * `Buffer.from(JSON.stringify(value))` of the value with the strings in place; a string with a
 * lone surrogate is left in place for `JSON.stringify`. Tokens carry a random nonce (`NONCE`);
 * should the skeleton hold it anywhere else, `encode` says so and the caller writes the value
 * the plain way.
 */
export class LongStrings {
  readonly #minUnits: number;
  readonly #items: SetAside[] = [];

  /** `minUnits`: how long a string must be to be set aside (default `LONG_STRING_UNITS`). */
  constructor(minUnits = LONG_STRING_UNITS) {
    this.#minUnits = minUnits;
  }

  /** `value` itself, or a token standing for it when it is long (and well formed). */
  take(value: string): string {
    if (value.length < this.#minUnits) return value;
    const literal = measureLiteral(value);
    if (literal === undefined) return value;
    const token = `bb-long-string:${NONCE}:${this.#items.length}`;
    this.#items.push({ token: `"${token}"`, literal });
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
    const pieces: string[] = [];
    let total = 0;
    let from = 0;
    for (const [position, item] of at) {
      const piece = skeleton.slice(from, position);
      pieces.push(piece);
      total += Buffer.byteLength(piece, 'utf8') + literalLength(item.literal);
      from = position + item.token.length;
    }
    const last = skeleton.slice(from);
    total += Buffer.byteLength(last, 'utf8');
    const out = Buffer.allocUnsafe(total);
    let offset = 0;
    for (const [i, [, item]] of at.entries()) {
      offset += out.write(pieces[i] as string, offset, 'utf8');
      offset += writeLiteral(out, offset, item.literal);
    }
    out.write(last, offset, 'utf8');
    return out;
  }

  /** Where each token is in `skeleton`, in order; undefined if the nonce shows elsewhere. */
  #positions(skeleton: string): [number, SetAside][] | undefined {
    let seen = 0;
    for (let i = skeleton.indexOf(NONCE); i >= 0; i = skeleton.indexOf(NONCE, i + 1)) seen += 1;
    if (seen !== this.#items.length) return undefined;
    const at: [number, SetAside][] = [];
    for (const item of this.#items) {
      const position = skeleton.indexOf(item.token);
      if (position < 0) return undefined;
      at.push([position, item]);
    }
    return at.sort((a, b) => a[0] - b[0]);
  }
}
