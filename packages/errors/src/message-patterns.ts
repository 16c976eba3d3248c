/**
 * The wordings that identify a failure when its name and status do not. Each list was taken
 * from messages Bedrock, the model providers behind it, the AWS SDK, Node or undici really
 * produce (see the tests for one row per wording).
 */

/** The input does not fit the model's context window. Never matches throttling wordings. */
export const CONTEXT_OVERFLOW_PATTERNS: readonly RegExp[] = [
  /input is too long/i,
  /too many input tokens/i,
  /prompt is too long/i,
  /maximum context length/i,
  /max(?:imum)?[ _]input[ _]tokens?/i,
  /exceeds? the (?:maximum|max) (?:number of )?(?:input )?tokens/i,
  /input tokens? (?:count )?exceeds?/i,
  /context window/i,
  /input length and `?max_tokens`? exceed context limit/i,
  /model_context_window_exceeded/i,
  /context[ _]length[ _]exceeded/i,
];

/** Calling a profile-only model by its bare id ("on-demand throughput isn't supported"). */
export const ON_DEMAND_PATTERNS: readonly RegExp[] = [
  /on[- ]demand throughput (?:is ?n['’]t|is not|not) supported/i,
  /retry your request with the id or arn of an inference profile/i,
];

/** The streaming operations, as IAM names them. */
export const STREAMING_ACTION_PATTERN = /InvokeModelWithResponseStream|ConverseStream/i;

/** An authorization (not authentication) failure. */
export const ACCESS_DENIED_PATTERN = /not authori[sz]ed|access ?denied|explicit deny|forbidden/i;

/** A daily token or request allowance is used up; retrying soon will not help. */
export const DAILY_QUOTA_PATTERN =
  /too many (?:tokens|requests) per day|per[- ]day (?:limit|quota)/i;

/** Throttling wordings: slow down and try again. */
export const THROTTLE_PATTERNS: readonly RegExp[] = [
  /too many tokens/i,
  /too many requests/i,
  /too many concurrent requests/i,
  /rate ?limit(?:ed)?/i,
  /throttl/i,
  /please wait before trying again/i,
];

/** A content filter or guardrail blocked the input or output. */
export const CONTENT_FILTER_PATTERNS: readonly RegExp[] = [
  /blocked by (?:our |the )?content filter/i,
  /content filter(?:ing)? polic/i,
  /guardrail (?:intervened|blocked|policy)/i,
  /responsible ai polic/i,
  /flagged by (?:the )?(?:content |safety )?(?:filter|moderation)/i,
];

/** Missing, invalid or expired credentials. */
export const AUTH_PATTERNS: readonly RegExp[] = [
  /could not load credentials/i,
  /security token included in the request is (?:invalid|expired)/i,
  /request signature we calculated does not match/i,
  /invalid api key|api key (?:is )?(?:invalid|expired)|bearer token (?:is )?(?:invalid|expired)/i,
  /authentication failed/i,
  /missing (?:authentication token|credentials)/i,
];

/** The model id does not exist (Bedrock says so with a ValidationException). */
export const MODEL_NOT_FOUND_PATTERNS: readonly RegExp[] = [
  /model identifier is invalid/i,
  /model (?:id )?(?:was )?not found/i,
  /reached the end of its life/i,
];

/** An event stream that ended or broke before its end (codec errors, our integrity checks). */
export const STREAM_TRUNCATED_PATTERNS: readonly RegExp[] = [
  /truncated event message/i,
  /checksum .*(?:does not|did not) match/i,
  /reported message length does not match/i,
  /message too short to accommodate event stream/i,
  /without (?:a )?messageStop/i,
  /stream (?:ended|closed) (?:before|early|prematurely|without)/i,
  /stream (?:was )?truncated/i,
];

/** A pooled connection died under the request (reset, hung up, HTTP/2 session gone). */
export const STALE_CONNECTION_PATTERNS: readonly RegExp[] = [
  /socket hang up/i,
  /http2 request did not get a response/i,
  /premature close/i,
  /other side closed/i,
  /connection (?:was )?reset/i,
  /stream is abnormally aborted/i,
  /\bECONNRESET\b/,
  /\bEPIPE\b/,
  /\bGOAWAY\b/,
  /session (?:was )?(?:closed|destroyed)/i,
];

/** Deadline wordings (SDK socket/request/stream timeouts, our own deadlines). */
export const TIMEOUT_PATTERNS: readonly RegExp[] = [
  /timed out/i,
  /\btimeout\b/i,
  /deadline (?:exceeded|expired)/i,
  /\bETIMEDOUT\b/,
];

/** Connection could not be established at all. */
export const UNREACHABLE_PATTERNS: readonly RegExp[] = [
  /\b(?:ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/,
  /connection refused/i,
];

/** True when any pattern matches the text. */
export function matchesAny(patterns: readonly RegExp[], text: string): boolean {
  return patterns.some((pattern) => pattern.test(text));
}
