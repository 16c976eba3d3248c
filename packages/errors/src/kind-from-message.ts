import type { ErrorKind } from './error-kind.js';
import {
  ACCESS_DENIED_PATTERN,
  AUTH_PATTERNS,
  CONTENT_FILTER_PATTERNS,
  CONTEXT_OVERFLOW_PATTERNS,
  DAILY_QUOTA_PATTERN,
  MODEL_NOT_FOUND_PATTERNS,
  matchesAny,
  ON_DEMAND_PATTERNS,
  STREAMING_ACTION_PATTERN,
  THROTTLE_PATTERNS,
  TIMEOUT_PATTERNS,
  UNREACHABLE_PATTERNS,
} from './message-patterns.js';

/**
 * The kind a message's wording means, for errors whose name and code say nothing (strings,
 * plain `Error`s, unmodeled service errors). `undefined` when the wording is not recognised.
 * Context overflow is tested before throttling, and its patterns never match throttling
 * wordings ("Too many tokens", "Too many requests").
 */
export function kindFromMessage(message: string, status?: number): ErrorKind | undefined {
  if (matchesAny(CONTEXT_OVERFLOW_PATTERNS, message)) return 'context_overflow';
  if (matchesAny(ON_DEMAND_PATTERNS, message)) return 'on_demand_unsupported';
  if (
    STREAMING_ACTION_PATTERN.test(message) &&
    (status === 403 || ACCESS_DENIED_PATTERN.test(message))
  ) {
    return 'streaming_denied';
  }
  if (matchesAny(AUTH_PATTERNS, message)) return 'auth';
  if (matchesAny(CONTENT_FILTER_PATTERNS, message)) return 'content_filtered';
  if (DAILY_QUOTA_PATTERN.test(message)) return 'quota_exceeded';
  if (matchesAny(THROTTLE_PATTERNS, message)) return 'rate_limit';
  if (matchesAny(MODEL_NOT_FOUND_PATTERNS, message)) return 'model_not_found';
  if (matchesAny(UNREACHABLE_PATTERNS, message)) return 'unreachable';
  if (matchesAny(TIMEOUT_PATTERNS, message)) return 'timeout';
  if (ACCESS_DENIED_PATTERN.test(message)) return 'access_denied';
  return undefined;
}
