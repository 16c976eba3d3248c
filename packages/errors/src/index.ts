export * from './bedrock-bridge-error.js';
export * from './error-info.js';
export * from './error-kind.js';
export * from './kind-facts.js';
