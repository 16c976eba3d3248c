import * as rt from '@aws-sdk/client-bedrock-runtime';
import { meta, ON_DEMAND, type Row, STREAM_DENIED } from './classification-row.js';

/** Every modeled Bedrock runtime exception, built with the SDK classes. */
export const runtimeModeled: Row[] = [
  {
    name: 'rt ThrottlingException 429 (requests)',
    kind: 'rate_limit',
    code: 'ThrottlingException',
    status: 429,
    build: () =>
      new rt.ThrottlingException({
        message: 'Too many requests, please wait before trying again.',
        $metadata: meta(429),
      }),
  },
  {
    name: 'rt ThrottlingException "Too many tokens"',
    kind: 'rate_limit',
    build: () =>
      new rt.ThrottlingException({
        message: 'Too many tokens, please wait before trying again.',
        $metadata: meta(429),
      }),
  },
  {
    name: 'rt ThrottlingException "Too many tokens per day"',
    kind: 'quota_exceeded',
    build: () =>
      new rt.ThrottlingException({
        message: 'Too many tokens per day, please wait before trying again.',
        $metadata: meta(429),
      }),
  },
  {
    name: 'rt ServiceQuotaExceeded per-minute tokens',
    kind: 'rate_limit',
    code: 'ServiceQuotaExceededException',
    status: 400,
    build: () =>
      new rt.ServiceQuotaExceededException({
        message: 'Too many tokens, please wait before trying again.',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt ServiceQuotaExceeded hard quota',
    kind: 'quota_exceeded',
    build: () =>
      new rt.ServiceQuotaExceededException({
        message: 'Your account has reached the maximum number of model units for this model.',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt ModelNotReadyException 429',
    kind: 'overloaded',
    status: 429,
    build: () =>
      new rt.ModelNotReadyException({
        message: 'Model is not ready for inference.',
        $metadata: meta(429),
      }),
  },
  {
    name: 'rt ModelTimeoutException 408',
    kind: 'timeout',
    code: 'ModelTimeoutException',
    build: () =>
      new rt.ModelTimeoutException({
        message: 'Model has timed out in processing the request.',
        $metadata: meta(408),
      }),
  },
  {
    name: 'rt ModelErrorException 424 from a 500',
    kind: 'overloaded',
    status: 424,
    build: () =>
      new rt.ModelErrorException({
        message: 'Received server error (500) from model.',
        originalStatusCode: 500,
        $metadata: meta(424),
      }),
  },
  {
    name: 'rt ModelErrorException 424 from a 400',
    kind: 'validation',
    build: () =>
      new rt.ModelErrorException({
        message: 'Received client error (400) from model.',
        originalStatusCode: 400,
        $metadata: meta(424),
      }),
  },
  {
    name: 'rt ModelErrorException input too long',
    kind: 'context_overflow',
    build: () =>
      new rt.ModelErrorException({
        message: 'Input is too long for requested model.',
        $metadata: meta(424),
      }),
  },
  {
    name: 'rt ModelStreamErrorException input too long',
    kind: 'context_overflow',
    build: () =>
      new rt.ModelStreamErrorException({
        message: 'Input is too long for requested model.',
        originalStatusCode: 400,
        $metadata: meta(),
      }),
  },
  {
    name: 'rt ModelStreamErrorException too many input tokens',
    kind: 'context_overflow',
    build: () =>
      new rt.ModelStreamErrorException({
        message: 'The model returned: too many input tokens.',
        $metadata: meta(),
      }),
  },
  {
    name: 'rt ModelStreamErrorException generic',
    kind: 'stream_truncated',
    code: 'ModelStreamErrorException',
    build: () =>
      new rt.ModelStreamErrorException({
        message: 'An error occurred while streaming the response. Retry your request.',
        $metadata: meta(),
      }),
  },
  {
    name: 'rt ModelStreamErrorException original 429',
    kind: 'rate_limit',
    build: () =>
      new rt.ModelStreamErrorException({
        message: 'Model stream error',
        originalStatusCode: 429,
        $metadata: meta(),
      }),
  },
  {
    name: 'rt InternalServerException 500',
    kind: 'overloaded',
    status: 500,
    build: () =>
      new rt.InternalServerException({ message: 'Internal server error', $metadata: meta(500) }),
  },
  {
    name: 'rt ServiceUnavailableException 503',
    kind: 'overloaded',
    status: 503,
    build: () =>
      new rt.ServiceUnavailableException({ message: 'Service unavailable', $metadata: meta(503) }),
  },
  {
    name: 'rt ValidationException malformed',
    kind: 'validation',
    code: 'ValidationException',
    build: () =>
      new rt.ValidationException({
        message: 'Malformed input request: #: required key [messages] not found',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt ValidationException input too long',
    kind: 'context_overflow',
    build: () =>
      new rt.ValidationException({
        message: 'Input is too long for requested model.',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt ValidationException on-demand unsupported',
    kind: 'on_demand_unsupported',
    build: () => new rt.ValidationException({ message: ON_DEMAND, $metadata: meta(400) }),
  },
  {
    name: 'rt ValidationException invalid model id',
    kind: 'model_not_found',
    build: () =>
      new rt.ValidationException({
        message: 'The provided model identifier is invalid.',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt ValidationException content filters',
    kind: 'content_filtered',
    build: () =>
      new rt.ValidationException({
        message: 'This request has been blocked by our content filters.',
        $metadata: meta(400),
      }),
  },
  {
    name: 'rt AccessDeniedException model access',
    kind: 'access_denied',
    status: 403,
    build: () =>
      new rt.AccessDeniedException({
        message: "You don't have access to the model with the specified model ID.",
        $metadata: meta(403),
      }),
  },
  {
    name: 'rt AccessDeniedException streaming',
    kind: 'streaming_denied',
    code: 'AccessDeniedException',
    build: () => new rt.AccessDeniedException({ message: STREAM_DENIED, $metadata: meta(403) }),
  },
  {
    name: 'rt ResourceNotFoundException',
    kind: 'model_not_found',
    status: 404,
    build: () =>
      new rt.ResourceNotFoundException({ message: 'Model not found', $metadata: meta(404) }),
  },
  {
    name: 'rt ResourceNotFoundException end of life',
    kind: 'model_not_found',
    build: () =>
      new rt.ResourceNotFoundException({
        message: 'This model version has reached the end of its life.',
        $metadata: meta(404),
      }),
  },
  {
    name: 'rt ConflictException',
    kind: 'validation',
    build: () => new rt.ConflictException({ message: 'Conflict', $metadata: meta(409) }),
  },
];
