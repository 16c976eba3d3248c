import { BedrockBridgeError } from '@bedrock-bridge/errors';
import {
  gatewayError,
  type OpenAIErrorResponse,
  openAIErrorFromBridgeError,
  toErrorResponse,
} from '@bedrock-bridge/openai';

/**
 * A failure Fastify raised before the OpenAI handler saw the request (a body over the limit, a
 * body that is not JSON by its `Content-Type`, a body stream that broke) as OpenAI's error;
 * anything else as the handler maps it.
 */
export function fastifyErrorResponse(err: unknown): OpenAIErrorResponse {
  const fastifyCode = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (BedrockBridgeError.is(err) || typeof fastifyCode !== 'string') return toErrorResponse(err);
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
  return toErrorResponse(err);
}
