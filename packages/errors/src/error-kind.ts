/**
 * Every way a call to Bedrock can fail, as one closed list. `classifyError` maps anything
 * thrown (AWS SDK exceptions, Node network errors, event-stream exceptions, our own errors)
 * onto exactly one of these.
 */
export const ERROR_KINDS = [
  'context_overflow',
  'rate_limit',
  'quota_exceeded',
  'overloaded',
  'stale_connection',
  'timeout',
  'unreachable',
  'stream_truncated',
  'auth',
  'access_denied',
  'streaming_denied',
  'model_not_found',
  'on_demand_unsupported',
  'validation',
  'content_filtered',
  'aborted',
  'unknown',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What a kind means for the caller: whether to retry, and whether the client must be rebuilt. */
export interface ErrorKindFacts {
  /** A later attempt of the same request may succeed. */
  readonly retryable: boolean;
  /** The pooled client (and its sockets) should be destroyed before the next attempt. */
  readonly evictClient: boolean;
  /** One line for humans: what happened, in plain words. */
  readonly summary: string;
}

export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}
