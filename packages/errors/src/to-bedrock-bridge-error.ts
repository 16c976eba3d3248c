import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { classifyError } from './classify-error.js';

/**
 * Classifies `err` and wraps it in a `BedrockBridgeError` whose `cause` is `err`. Returns
 * `err` itself when it already is a `BedrockBridgeError` (from any copy of this package).
 */
export function toBedrockBridgeError(err: unknown): BedrockBridgeError {
  if (BedrockBridgeError.is(err)) return err;
  const info = classifyError(err);
  return new BedrockBridgeError({
    kind: info.kind,
    message: info.message,
    cause: err,
    retryable: info.retryable,
    evictClient: info.evictClient,
    ...(info.retryAfterMs === undefined ? {} : { retryAfterMs: info.retryAfterMs }),
    ...(info.status === undefined ? {} : { status: info.status }),
    ...(info.code === undefined ? {} : { code: info.code }),
  });
}
