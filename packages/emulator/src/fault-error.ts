import { BedrockError } from './bedrock-error.js';
import type { CatalogueModel } from './catalogue.js';
import type { Fault, StreamExceptionType } from './types.js';
import { contextOverflowMessage } from './validate-converse-request.js';

/** Messages Bedrock uses inside a stream, per exception type. */
export const STREAM_EXCEPTION_MESSAGES: Record<StreamExceptionType, string> = {
  throttlingException: 'Too many tokens, please wait before trying again.',
  modelStreamErrorException: 'The model stream encountered an error. Try your request again.',
  validationException:
    'The model returned the following errors: Input is too long for requested model.',
  internalServerException:
    'The system encountered an unexpected error during processing. Try your request again.',
  serviceUnavailableException: 'Bedrock is unable to process your request.',
};

/** The message a `stream-exception` fault carries: its own, or Bedrock's usual wording. */
export function streamExceptionMessage(
  fault: Extract<Fault, { type: 'stream-exception' }>,
): string {
  return fault.message ?? STREAM_EXCEPTION_MESSAGES[fault.exception];
}

/**
 * The payload of a `stream-exception` fault's frame. ModelStreamErrorException carries
 * `originalStatusCode` and `originalMessage` (service model ModelStreamErrorException).
 */
export function streamExceptionPayload(
  fault: Extract<Fault, { type: 'stream-exception' }>,
): Record<string, unknown> {
  const message = streamExceptionMessage(fault);
  if (fault.exception !== 'modelStreamErrorException') return { message };
  // Only when the fault names one: a status changes how clients classify the failure.
  if (fault.originalStatusCode === undefined) return { message, originalMessage: message };
  return { message, originalStatusCode: fault.originalStatusCode, originalMessage: message };
}

/** The error answer an error-type fault produces, or undefined for other fault types. */
export function faultError(
  fault: Fault,
  model: CatalogueModel | undefined,
): BedrockError | undefined {
  switch (fault.type) {
    case 'throttling':
      return new BedrockError(
        'ThrottlingException',
        'Too many requests, please wait before trying again.',
        fault.retryAfterSeconds === undefined
          ? {}
          : // Retry-After carries whole seconds (RFC 9110): never ask for less than was set.
            { 'retry-after': String(Math.ceil(fault.retryAfterSeconds)) },
      );
    case 'service-unavailable':
      return new BedrockError(
        'ServiceUnavailableException',
        'Bedrock is unable to process your request.',
      );
    case 'internal-server':
      return new BedrockError(
        'InternalServerException',
        'The system encountered an unexpected error during processing. Try your request again.',
      );
    case 'model-not-ready':
      return new BedrockError(
        'ModelNotReadyException',
        'Model is not ready to serve inference requests. Try your request again later.',
      );
    case 'model-timeout':
      return new BedrockError(
        'ModelTimeoutException',
        'Model has timed out in processing the request. Try your request again.',
      );
    case 'context-overflow':
      return new BedrockError('ValidationException', contextOverflowMessage(model));
    case 'access-denied':
      return new BedrockError(
        'AccessDeniedException',
        "You don't have access to the model with the specified model ID.",
      );
    case 'invalid-credentials':
      return new BedrockError(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    case 'quota-exceeded':
      // A spent daily quota is a 429 ThrottlingException (DESIGN.md facts), with no Retry-After.
      return new BedrockError(
        'ThrottlingException',
        'Too many tokens per day, please wait before trying again.',
      );
    case 'model-error':
      // ModelErrorException carries originalStatusCode and resourceName (service model).
      return new BedrockError(
        'ModelErrorException',
        fault.message ??
          'The model encountered an error processing your request. Try your request again.',
        {},
        {
          originalStatusCode: fault.originalStatusCode ?? 500,
          resourceName: model?.modelId ?? 'unknown',
        },
      );
    case 'stream-exception':
    case 'cut':
    case 'reset':
    case 'stall':
    case 'blackhole':
    case 'stale-keep-alive':
    case 'no-message-stop':
    case 'corrupt-frame':
    case 'slow-first-byte':
    case 'pause':
      return undefined;
    default: {
      const unreachable: never = fault;
      throw new TypeError(`Unknown fault ${JSON.stringify(unreachable)}`);
    }
  }
}
