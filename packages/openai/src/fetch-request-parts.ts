import { PARAMS_HEADER } from './params-header.js';
import type { OpenAIRequestParts } from './request-parts.js';

/** Methods the fetch standard upper-cases and lets carry a body (GET and HEAD cannot). */
const BODY_METHODS = new Set(['POST', 'PUT', 'DELETE', 'OPTIONS']);

/** What `RequestInit.headers` takes. */
type HeadersLike = NonNullable<RequestInit['headers']>;

/** The headers the handler reads. */
const READ = ['content-type', PARAMS_HEADER] as const;

/** One header of a `HeadersInit`, as `Headers#get` would answer it (values joined by `, `). */
function headerOf(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') {
    return (headers as Headers).get(name) ?? undefined;
  }
  const entries: Iterable<readonly string[]> = Array.isArray(headers)
    ? headers
    : Object.entries(headers as Record<string, string>);
  let found: string | undefined;
  for (const [key, value] of entries) {
    if (key?.toLowerCase() !== name || value === undefined) continue;
    const trimmed = String(value).trim();
    found = found === undefined ? trimmed : `${found}, ${trimmed}`;
  }
  return found;
}

/**
 * A `fetch` call taken apart for `OpenAIHandler.answer` without building a `Request`: only the
 * common case an OpenAI client sends (a URL or string, a string body, a method that may carry
 * one). Anything else is `undefined`, for the caller to go through `new Request` (which also
 * throws the fetch standard's errors: a relative URL, a body on GET).
 */
export function fetchRequestParts(
  input: string | URL | Request,
  init: RequestInit | undefined,
): OpenAIRequestParts | undefined {
  const body = init?.body;
  if (typeof body !== 'string' || (typeof input !== 'string' && !(input instanceof URL))) {
    return undefined;
  }
  const method = (init?.method ?? 'GET').toUpperCase();
  if (!BODY_METHODS.has(method)) return undefined;
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return undefined;
  }
  const headers: Record<string, string | undefined> = {};
  if (init?.headers !== undefined) {
    for (const name of READ) {
      const value = headerOf(init.headers, name);
      if (value !== undefined) headers[name] = value;
    }
  }
  return {
    method,
    pathname: url.pathname,
    search: url.search,
    headers,
    body,
    ...(init?.signal ? { signal: init.signal } : {}),
  };
}
