import { BedrockBridgeError, toBedrockBridgeError } from '@bedrock-bridge/errors';
import { redactText } from '@bedrock-bridge/transport';
import {
  gatewayError,
  type OpenAIErrorResponse,
  openAIErrorFromBridgeError,
} from './openai-error.js';
import { capText } from './param-path.js';
import { ECHO_LIMITS } from './server-limits.js';

/** Anything thrown while answering (Fastify's own errors included) as OpenAI's error. */
export function toErrorResponse(err: unknown): OpenAIErrorResponse {
  const fastifyCode = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (!BedrockBridgeError.is(err) && typeof fastifyCode === 'string') {
    if (fastifyCode === 'ECONNRESET') {
      // The body stream broke: the client left while sending it (logged 499, nobody to answer).
      return openAIErrorFromBridgeError(
        new BedrockBridgeError({
          kind: 'aborted',
          message: 'The client closed the connection while sending the request.',
          cause: err,
        }),
      );
    }
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return gatewayError(413, `${(err as Error).message}.`, { code: 'request_too_large' });
    }
    if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return gatewayError(415, 'The request body must be JSON (Content-Type: application/json).', {
        code: 'unsupported_media_type',
      });
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const what = fastifyCode.startsWith('FST_ERR_CTP')
        ? 'The request body is not valid JSON: '
        : '';
      return gatewayError(status, `${what}${(err as Error).message}`, { code: 'invalid_json' });
    }
  }
  if (err instanceof SyntaxError && status === 400) {
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
