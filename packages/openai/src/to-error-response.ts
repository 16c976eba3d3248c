import { toBedrockBridgeError } from '@bedrock-bridge/errors';
import { redactText } from '@bedrock-bridge/transport';
import { ECHO_LIMITS } from './echo-limits.js';
import {
  gatewayError,
  type OpenAIErrorResponse,
  openAIErrorFromBridgeError,
} from './openai-error.js';
import { capText } from './param-path.js';

/**
 * Anything thrown while answering as OpenAI's error: a body that is not JSON is a 400
 * `invalid_json`; everything else is classified (`@bedrock-bridge/errors`) and mapped by kind.
 */
export function toErrorResponse(err: unknown): OpenAIErrorResponse {
  if (err instanceof SyntaxError) {
    return gatewayError(400, `The request body is not valid JSON: ${err.message}`, {
      code: 'invalid_json',
    });
  }
  return openAIErrorFromBridgeError(toBedrockBridgeError(err));
}

/**
 * What may leave the process: the message and `param` shortened (a 5 MB key is not echoed back),
 * the gateway's API key, AWS secrets and account identity masked.
 */
export function outgoing(
  failure: OpenAIErrorResponse,
  secrets: readonly string[],
): OpenAIErrorResponse {
  const { error } = failure.body;
  const message = capText(redactText(error.message, secrets), ECHO_LIMITS.message);
  const param =
    error.param === null ? null : capText(redactText(error.param, secrets), ECHO_LIMITS.logField);
  if (message === error.message && param === error.param) return failure;
  return { ...failure, body: { error: { ...error, message, param } } };
}
