import { BedrockBridgeError } from '@bedrock-bridge/errors';

/** Runs `fn` and returns the BedrockBridgeError it throws; fails when it throws nothing. */
export function thrown(fn: () => unknown): BedrockBridgeError {
  try {
    fn();
  } catch (e) {
    if (BedrockBridgeError.is(e)) return e;
    throw e;
  }
  throw new Error('expected a BedrockBridgeError, got none');
}
