/** What a caller ended up with in one fault cell. */
export type Outcome =
  | 'full answer'
  | 'recovered'
  | 'clear error'
  | 'unclear error'
  | 'silently truncated'
  | 'wrong answer'
  | 'hang';

/** The family of a fault decides which words make an error message "clear". */
export type FaultFamily = 'connection' | 'timeout' | 'truncation' | 'throttling';

/**
 * Words that name the failure, per family. An error is "clear" when the message, name or
 * code of the error the caller catches (not a nested cause) matches its family's pattern;
 * anything else (empty, generic such as "Unexpected end of JSON input", or naming a
 * different failure) is "unclear". The bare words "aborted" and "terminated" do not count:
 * they do not say whether the caller, a timeout or the server ended the call.
 */
export const CLEAR_ERROR_PATTERNS: Record<FaultFamily, RegExp> = {
  connection:
    /connection|socket|ECONNRESET|EPIPE|\breset\b|hang up|closed|premature|truncat|incomplete|stale|network|unreachable/i,
  timeout: /time ?out|timed out|ETIMEDOUT|idle|deadline|no (response|answer|data)/i,
  truncation:
    /truncat|messageStop|incomplete|premature|unexpected end|ended (early|before)|without.*(stop|end)/i,
  throttling: /throttl|rate.?limit|too many requests|\b429\b/i,
};

/** The text a rule is applied to: the message, name and code of the caught error. */
export function errorText(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return [err.name, typeof code === 'string' ? code : '', err.message].join(' ').trim();
  }
  return String(err);
}

/** Whether a caught error names a failure of the given family. */
export function isClearError(err: unknown, family: FaultFamily): boolean {
  if (!(err instanceof Error) || err.message.trim() === '') return false;
  return CLEAR_ERROR_PATTERNS[family].test(errorText(err));
}

/** The facts of one finished (or abandoned) call. */
export interface CallFacts {
  hung: boolean;
  error?: unknown;
  text?: string;
  expected: string;
  /** Runtime requests the emulator received for the measured call. */
  attempts: number;
  /** The fault leaves a complete text but without the end-of-stream marker. */
  endMarkerMissing: boolean;
  family: FaultFamily;
}

/**
 * Outcome rule:
 * - hang: no result or error before the guard timeout;
 * - clear / unclear error: the call threw (see {@link CLEAR_ERROR_PATTERNS});
 * - silently truncated: no error, and the text is a strict prefix of the full answer, or the
 *   stream ended without `messageStop` and was accepted as finished on the first attempt;
 * - recovered: the full answer after more than one request reached the emulator;
 * - full answer: the full answer from a single request (the fault did not bite);
 * - wrong answer: no error and a text that is neither the answer nor a prefix of it.
 */
export function decideOutcome(facts: CallFacts): Outcome {
  if (facts.hung) return 'hang';
  if (facts.error !== undefined) {
    return isClearError(facts.error, facts.family) ? 'clear error' : 'unclear error';
  }
  const text = facts.text ?? '';
  if (text === facts.expected) {
    if (facts.attempts > 1) return 'recovered';
    return facts.endMarkerMissing ? 'silently truncated' : 'full answer';
  }
  if (facts.expected.startsWith(text)) return 'silently truncated';
  return 'wrong answer';
}
