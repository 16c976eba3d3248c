import type { ErrorKind } from './error-kind.js';
import {
  ACCESS_DENIED_PATTERN,
  AUTH_PATTERNS,
  CONTENT_FILTER_PATTERNS,
  DAILY_QUOTA_PATTERN,
  isContextOverflowMessage,
  isOutputLimitMessage,
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
 * wordings ("Too many tokens", "Too many requests"). A 429 is a rate, whatever it says:
 * its wording only tells a daily quota from a per-minute one ("Too many input tokens per
 * minute" is not an overflow). An output limit (`max_tokens` too large) is a validation error.
 */
export function kindFromMessage(message: string, status?: number): ErrorKind | undefined {
  if (status === 429) return DAILY_QUOTA_PATTERN.test(message) ? 'quota_exceeded' : 'rate_limit';
  if (isOutputLimitMessage(message)) return 'validation';
  if (isContextOverflowMessage(message)) return 'context_overflow';
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
