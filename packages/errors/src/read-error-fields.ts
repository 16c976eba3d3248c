/**
 * Defensive readers for the loosely shaped things that get thrown: SDK exceptions, Node
 * system errors, DOMExceptions, plain objects. Every read is guarded, because a thrown value
 * may be a Proxy or carry a getter that throws, and classification must never throw.
 */

/** Reads `value[key]` without ever throwing. */
export function readProperty(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) {
    return undefined;
  }
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** A string property, or `undefined` when absent or not a string. */
export function readString(value: unknown, key: PropertyKey): string | undefined {
  const found = readProperty(value, key);
  return typeof found === 'string' ? found : undefined;
}

/** The error's `name` (`ThrottlingException`, `TimeoutError`, `AbortError`, ...). */
export function readName(value: unknown): string | undefined {
  const name = readString(value, 'name');
  return name === undefined || name.trim() === '' ? undefined : name;
}

/** The error's `code` (`ECONNRESET`, `ERR_HTTP2_STREAM_CANCEL`, `UND_ERR_SOCKET`, ...). */
export function readCode(value: unknown): string | undefined {
  const code = readProperty(value, 'code');
  return typeof code === 'string' && code !== '' ? code : undefined;
}

/** The error's message, trimmed; `undefined` when missing or blank. */
export function readMessage(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  const message = readString(value, 'message');
  return message === undefined || message.trim() === '' ? undefined : message.trim();
}

function asStatus(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{3}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 100 && n <= 599 ? n : undefined;
}

/**
 * The HTTP status of the failed response: `$metadata.httpStatusCode` (AWS SDK v3),
 * `$response.statusCode` (raw smithy response), then `status` / `statusCode`.
 */
export function readStatus(value: unknown): number | undefined {
  return (
    asStatus(readProperty(readProperty(value, '$metadata'), 'httpStatusCode')) ??
    asStatus(readProperty(readProperty(value, '$response'), 'statusCode')) ??
    asStatus(readProperty(value, 'status')) ??
    asStatus(readProperty(value, 'statusCode'))
  );
}

/** Looks a header up case-insensitively in a plain object or a WHATWG `Headers`-like object. */
export function readHeader(headers: unknown, name: string): string | undefined {
  if ((typeof headers !== 'object' && typeof headers !== 'function') || headers === null) {
    return undefined;
  }
  const lower = name.toLowerCase();
  const getter = readProperty(headers, 'get');
  if (typeof getter === 'function') {
    try {
      const got: unknown = getter.call(headers, lower);
      if (typeof got === 'string') return got;
    } catch {
      // not a Headers object after all; fall through to the plain-object lookup
    }
  }
  let keys: string[];
  try {
    keys = Object.keys(headers);
  } catch {
    return undefined;
  }
  for (const key of keys) {
    if (key.toLowerCase() !== lower) continue;
    const found = readProperty(headers, key);
    if (typeof found === 'string') return found;
    if (typeof found === 'number') return String(found);
    if (Array.isArray(found) && typeof found[0] === 'string') return found[0];
  }
  return undefined;
}
