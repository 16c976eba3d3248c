import { classifyError } from './classify-error.js';
import { CONTEXT_OVERFLOW_PATTERNS, matchesAny } from './message-patterns.js';

/**
 * True when the error (or an error message string) says the input does not fit the model's
 * context window, in any of the wordings Bedrock and its model providers use. Throttling
 * wordings such as "Too many tokens" are not overflow.
 */
export function isContextOverflowError(errOrMessage: unknown): boolean {
  if (typeof errOrMessage === 'string') return matchesAny(CONTEXT_OVERFLOW_PATTERNS, errOrMessage);
  return classifyError(errOrMessage).kind === 'context_overflow';
}
