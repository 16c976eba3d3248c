import { classifyError } from './classify-error.js';

/**
 * True when `err` means a pooled connection died under the request (ECONNRESET, EPIPE,
 * "socket hang up", HTTP/2 session or stream errors, undici socket errors, a socket library's
 * bare assertion), anywhere in its `cause` chain: the client should be evicted and the call
 * retried.
 */
export function isStaleConnectionError(err: unknown): boolean {
  return classifyError(err).kind === 'stale_connection';
}
