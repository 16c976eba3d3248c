export * from './bedrock-bridge-error.js';
export * from './classify-error.js';
export * from './error-info.js';
export * from './error-kind.js';
export * from './is-context-overflow-error.js';
export * from './is-stale-connection-error.js';
export * from './kind-facts.js';
export { parseRetryAfter, retryAfterMsOf } from './retry-after.js';
export * from './to-bedrock-bridge-error.js';
