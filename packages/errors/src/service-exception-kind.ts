import type { ErrorKind } from './error-kind.js';
import {
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
} from './message-patterns.js';

/**
 * A service error name, normalized so that `ThrottlingException` (SDK class),
 * `throttlingException` (event-stream `:exception-type`) and `Throttling` (query protocols)
 * are one key: lower case, without a trailing `Exception`.
 */
export function normalizeServiceName(name: string): string {
  return name.replace(/exception$/i, '').toLowerCase();
}

/** Service error names, normalized, and the kind each means before its message refines it. */
const BY_NAME: Readonly<Record<string, ErrorKind>> = {
  // Bedrock runtime and control plane (modeled exceptions)
  throttling: 'rate_limit',
  servicequotaexceeded: 'quota_exceeded',
  modelnotready: 'overloaded',
  modeltimeout: 'timeout',
  modelerror: 'overloaded',
  modelstreamerror: 'stream_truncated',
  internalserver: 'overloaded',
  serviceunavailable: 'overloaded',
  validation: 'validation',
  accessdenied: 'access_denied',
  resourcenotfound: 'model_not_found',
  conflict: 'validation',
  toomanytags: 'validation',
  resourceinuse: 'validation',
  // Generic AWS names (any protocol) that Bedrock or its gateways also return
  throttled: 'rate_limit',
  toomanyrequests: 'rate_limit',
  requestlimitexceeded: 'rate_limit',
  slowdown: 'rate_limit',
  limitexceeded: 'quota_exceeded',
  internalfailure: 'overloaded',
  internalerror: 'overloaded',
  serviceunavailableerror: 'overloaded',
  serializationexception: 'validation',
  serialization: 'validation',
  unknownoperation: 'validation',
  modelnotfound: 'model_not_found',
  // Authentication (who you are), apart from authorization (what you may do)
  unrecognizedclient: 'auth',
  invalidsignature: 'auth',
  signaturedoesnotmatch: 'auth',
  incompletesignature: 'auth',
  expiredtoken: 'auth',
  invalidclienttokenid: 'auth',
  missingauthenticationtoken: 'auth',
  invalidaccesskeyid: 'auth',
  credentialsprovidererror: 'auth',
  tokenprovidererror: 'auth',
};

/** Status codes that a service error carries in `originalStatusCode` (model errors). */
function fromOriginalStatus(status: unknown): ErrorKind | undefined {
  if (typeof status !== 'number') return undefined;
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'timeout';
  if (status >= 500) return 'overloaded';
  if (status === 400 || status === 422) return 'validation';
  return undefined;
}

/**
 * The kind a named service error means, refined by its message; `undefined` when the name is
 * not a service error we know (then the caller falls back on codes, message and status).
 */
export function serviceExceptionKind(
  name: string,
  message: string,
  originalStatusCode?: unknown,
): ErrorKind | undefined {
  const base = BY_NAME[normalizeServiceName(name)];
  if (base === undefined) return undefined;
  switch (base) {
    case 'rate_limit':
    case 'quota_exceeded':
      // Throttling names are never context overflow, whatever they say. Bedrock reports
      // per-minute token limits as ServiceQuotaExceeded "Too many tokens": that is a rate.
      if (DAILY_QUOTA_PATTERN.test(message)) return 'quota_exceeded';
      if (base === 'quota_exceeded' && matchesAny(THROTTLE_PATTERNS, message)) return 'rate_limit';
      return base;
    case 'access_denied':
      if (STREAMING_ACTION_PATTERN.test(message)) return 'streaming_denied';
      if (matchesAny(AUTH_PATTERNS, message)) return 'auth';
      return base;
    case 'validation':
    case 'overloaded':
    case 'stream_truncated':
    case 'model_not_found':
    case 'timeout':
      // A model error that came from a 429 is a rate, whatever its wording says.
      if (
        (base === 'overloaded' || base === 'stream_truncated') &&
        fromOriginalStatus(originalStatusCode) === 'rate_limit'
      ) {
        return 'rate_limit';
      }
      // `max_tokens` above the model's output limit: invalid request, not an overflow.
      if (isOutputLimitMessage(message)) return 'validation';
      if (isContextOverflowMessage(message)) return 'context_overflow';
      if (matchesAny(ON_DEMAND_PATTERNS, message)) return 'on_demand_unsupported';
      if (matchesAny(CONTENT_FILTER_PATTERNS, message)) return 'content_filtered';
      if (base === 'validation' && matchesAny(MODEL_NOT_FOUND_PATTERNS, message)) {
        return 'model_not_found';
      }
      if (base === 'overloaded' || base === 'stream_truncated') {
        return fromOriginalStatus(originalStatusCode) ?? base;
      }
      return base;
    case 'auth':
    case 'unreachable':
    case 'stale_connection':
    case 'streaming_denied':
    case 'on_demand_unsupported':
    case 'context_overflow':
    case 'content_filtered':
    case 'aborted':
    case 'unknown':
      return base;
    default: {
      const unreachable: never = base;
      return unreachable;
    }
  }
}
