// The public surface of @bedrock-bridge/errors: the taxonomy, the classifier and its helpers.
export { BedrockBridgeError, type BedrockBridgeErrorOptions } from './bedrock-bridge-error.js';
export { classifyError } from './classify-error.js';
export type { ErrorInfo } from './error-info.js';
export { ERROR_KINDS, type ErrorKind, type ErrorKindFacts, isErrorKind } from './error-kind.js';
export { isContextOverflowError } from './is-context-overflow-error.js';
export { isStaleConnectionError } from './is-stale-connection-error.js';
export { kindFacts } from './kind-facts.js';
export { parseRetryAfter, retryAfterMsOf } from './retry-after.js';
export { toBedrockBridgeError } from './to-bedrock-bridge-error.js';
