import type { ErrorKind, ErrorKindFacts } from './error-kind.js';

const FACTS: Record<ErrorKind, ErrorKindFacts> = {
  context_overflow: {
    retryable: false,
    evictClient: false,
    summary: 'The input is longer than the model context window',
  },
  rate_limit: {
    retryable: true,
    evictClient: false,
    summary: 'Too many requests; slow down and retry',
  },
  quota_exceeded: { retryable: false, evictClient: false, summary: 'A service quota is exhausted' },
  overloaded: {
    retryable: true,
    evictClient: false,
    summary: 'The service or model is temporarily unavailable',
  },
  stale_connection: {
    retryable: true,
    evictClient: true,
    summary: 'A pooled connection was closed by the peer',
  },
  timeout: {
    retryable: true,
    evictClient: false,
    summary: 'The call took longer than its deadline',
  },
  unreachable: {
    retryable: true,
    evictClient: false,
    summary: 'The endpoint could not be reached',
  },
  stream_truncated: {
    retryable: true,
    evictClient: false,
    summary: 'The answer stream ended before it was complete',
  },
  auth: {
    retryable: false,
    evictClient: false,
    summary: 'The credentials are missing, invalid or expired',
  },
  access_denied: {
    retryable: false,
    evictClient: false,
    summary: 'The identity is not allowed to do this',
  },
  streaming_denied: {
    retryable: false,
    evictClient: false,
    summary: 'The identity may not call the streaming API',
  },
  model_not_found: {
    retryable: false,
    evictClient: false,
    summary: 'The model or resource does not exist',
  },
  on_demand_unsupported: {
    retryable: false,
    evictClient: false,
    summary: 'This model must be called through an inference profile',
  },
  validation: { retryable: false, evictClient: false, summary: 'The request is invalid' },
  content_filtered: {
    retryable: false,
    evictClient: false,
    summary: 'The content was blocked by a filter or guardrail',
  },
  aborted: {
    retryable: false,
    evictClient: false,
    summary: 'The call was cancelled by the caller',
  },
  unknown: { retryable: false, evictClient: false, summary: 'An unexpected error occurred' },
};

/** Retryability, eviction and a one-line summary for each kind. */
export function kindFacts(kind: ErrorKind): ErrorKindFacts {
  return FACTS[kind];
}
