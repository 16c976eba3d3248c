import { classifyError } from './classify-error.js';
import { isContextOverflowMessage } from './message-patterns.js';

/**
 * True when the error (or an error message string) says the input does not fit the model's
 * context window, in any of the wordings Bedrock and its model providers use. Throttling
 * wordings such as "Too many tokens" are not overflow, nor is a `max_tokens` above the model's
 * output limit.
 */
export function isContextOverflowError(errOrMessage: unknown): boolean {
  if (typeof errOrMessage === 'string') return isContextOverflowMessage(errOrMessage);
  return classifyError(errOrMessage).kind === 'context_overflow';
}
