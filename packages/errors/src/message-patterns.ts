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

/**
 * The requested output length (`max_tokens` and its spellings) is above the model's output
 * limit. That is a validation error about the output, not a context overflow: compressing the
 * input would not help. See `isOutputLimitMessage` for when these count.
 */
export const OUTPUT_LIMIT_PATTERNS: readonly RegExp[] = [
  /\b(?:max_tokens|maxTokens|max_completion_tokens|max_new_tokens|max_output_tokens|maxOutputTokens|max_tokens_to_sample)\b[^.;]{0,60}?\b(?:exceeds|is too large|is greater than|must be (?:less than|at most))\b/i,
  /\bmaximum tokens you requested exceeds\b/i,
  /\bmax(?:imum)? (?:allowed )?(?:number of )?(?:output|completion) tokens\b/i,
  /\bat most \d+ (?:output|completion) tokens\b/i,
];

/**
 * Words that put the input side in a message ("input length and `max_tokens` exceed ...").
 * Bedrock's "Malformed input request:" prefix names the request, not the input length.
 */
const INPUT_SIDE_PATTERN = /\b(?:input|prompt)\b(?!\s+request)/i;

/**
 * True when the message is about the output limit alone (`max_tokens` too large) and says
 * nothing about the input or prompt; such a message is never a context overflow.
 */
export function isOutputLimitMessage(text: string): boolean {
  return matchesAny(OUTPUT_LIMIT_PATTERNS, text) && !INPUT_SIDE_PATTERN.test(text);
}

/** True when the wording says the input does not fit the context window (never an output limit). */
export function isContextOverflowMessage(text: string): boolean {
  return matchesAny(CONTEXT_OVERFLOW_PATTERNS, text) && !isOutputLimitMessage(text);
}

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

/**
 * Deadline wordings (SDK socket/request/stream timeouts, our own deadlines). Each one says a
 * timeout happened; a message that merely names a setting called `timeout` ("Invalid value
 * for parameter timeout") is not one.
 */
export const TIMEOUT_PATTERNS: readonly RegExp[] = [
  /timed out/i,
  /\btime-?out (?:error|exceeded|expired|elapsed|reached|occurred)\b/i,
  /\b(?:connect|connection|headers|body|socket|read|write|idle|inactivity|request|response|gateway) timeout(?: error)?\s*(?:$|[.,(])/i,
  /\b(?:due to|because of|after(?: an?)?|on) timeout\b/i,
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
