import type { ErrorKind } from './error-kind.js';

/** The classified view of one failure. */
export interface ErrorInfo {
  /** The one kind this failure belongs to. */
  kind: ErrorKind;
  /** Whether retrying the same request may succeed. */
  retryable: boolean;
  /** Whether the client that produced the failure should be evicted (stale connection). */
  evictClient: boolean;
  /** Milliseconds the server asked the caller to wait (from `Retry-After`), when it said so. */
  retryAfterMs?: number;
  /** HTTP status of the failed response, when there was one. */
  status?: number;
  /** The most specific code known: the AWS error name, a Node `code`, or one of ours. */
  code?: string;
  /** A human message; never empty. */
  message: string;
  /** The original thrown value. */
  cause: unknown;
}
