import * as cp from '@aws-sdk/client-bedrock';
import {
  inStream,
  meta,
  ON_DEMAND,
  ON_DEMAND_STRAIGHT,
  type Row,
  unmodeled,
} from './classification-row.js';
import { namedError } from './node-errors.js';

/** Control-plane exceptions, in-stream exceptions, bare statuses, wordings, authentication. */
export const controlPlane: Row[] = [
  {
    name: 'cp ThrottlingException',
    kind: 'rate_limit',
    build: () => new cp.ThrottlingException({ message: 'Rate exceeded', $metadata: meta(429) }),
  },
  {
    name: 'cp AccessDeniedException',
    kind: 'access_denied',
    build: () =>
      new cp.AccessDeniedException({
        message: 'User is not authorized to perform: bedrock:ListFoundationModels',
        $metadata: meta(403),
      }),
  },
  {
    name: 'cp ResourceNotFoundException',
    kind: 'model_not_found',
    build: () =>
      new cp.ResourceNotFoundException({
        message: 'Inference profile not found',
        $metadata: meta(404),
      }),
  },
  {
    name: 'cp ConflictException',
    kind: 'validation',
    code: 'ConflictException',
    build: () =>
      new cp.ConflictException({
        message: 'A resource with this name already exists',
        $metadata: meta(409),
      }),
  },
  {
    name: 'cp TooManyTagsException',
    kind: 'validation',
    code: 'TooManyTagsException',
    build: () =>
      new cp.TooManyTagsException({
        message: 'Too many tags',
        resourceName: 'arn:x',
        $metadata: meta(400),
      }),
  },
  {
    name: 'cp ResourceInUseException',
    kind: 'validation',
    build: () => new cp.ResourceInUseException({ message: 'In use', $metadata: meta(400) }),
  },
  {
    name: 'cp InternalServerException',
    kind: 'overloaded',
    build: () =>
      new cp.InternalServerException({ message: 'Internal failure', $metadata: meta(500) }),
  },
  {
    name: 'cp ServiceUnavailableException',
    kind: 'overloaded',
    build: () =>
      new cp.ServiceUnavailableException({ message: 'Unavailable', $metadata: meta(503) }),
  },
  {
    name: 'cp ServiceQuotaExceededException',
    kind: 'quota_exceeded',
    build: () =>
      new cp.ServiceQuotaExceededException({
        message: 'Quota for custom models reached',
        $metadata: meta(400),
      }),
  },
  {
    name: 'cp ValidationException',
    kind: 'validation',
    build: () =>
      new cp.ValidationException({ message: '1 validation error detected', $metadata: meta(400) }),
  },
];

export const eventStream: Row[] = [
  {
    name: 'stream throttlingException',
    kind: 'rate_limit',
    code: 'throttlingException',
    build: () =>
      inStream('throttlingException', 'Too many tokens, please wait before trying again.'),
  },
  {
    name: 'stream modelStreamErrorException',
    kind: 'stream_truncated',
    build: () => inStream('modelStreamErrorException', 'Model stream error'),
  },
  {
    name: 'stream validationException overflow',
    kind: 'context_overflow',
    build: () =>
      inStream('validationException', 'prompt is too long: 215000 tokens > 200000 maximum'),
  },
  {
    name: 'stream internalServerException',
    kind: 'overloaded',
    build: () => inStream('internalServerException', 'Internal error'),
  },
  {
    name: 'stream serviceUnavailableException',
    kind: 'overloaded',
    build: () => inStream('serviceUnavailableException', 'Service unavailable'),
  },
  {
    name: 'stream modelStreamErrorException with empty message',
    kind: 'stream_truncated',
    message: /^modelStreamErrorException \(stream_truncated\): /,
    build: () => inStream('modelStreamErrorException', ''),
  },
];

export const byStatus: Row[] = [
  {
    name: 'status $metadata 429',
    kind: 'rate_limit',
    status: 429,
    build: () => ({ $metadata: { httpStatusCode: 429 } }),
  },
  {
    name: 'status $response 503',
    kind: 'overloaded',
    status: 503,
    build: () => ({ $response: { statusCode: 503, headers: {} } }),
  },
  { name: 'status 403', kind: 'access_denied', build: () => ({ status: 403 }) },
  { name: 'statusCode 404', kind: 'model_not_found', build: () => ({ statusCode: 404 }) },
  { name: 'statusCode 408', kind: 'timeout', build: () => ({ statusCode: 408 }) },
  { name: 'status 401', kind: 'auth', build: () => ({ status: 401, message: 'Unauthorized' }) },
  { name: 'status 424', kind: 'overloaded', build: () => ({ status: 424 }) },
  {
    name: 'status 502 unknown name',
    kind: 'overloaded',
    build: () => namedError('UnknownError', 'Bad gateway', { $metadata: meta(502) }),
  },
  {
    name: 'status 400 + throttling wording',
    kind: 'rate_limit',
    build: () =>
      unmodeled('SomeNewException', 400, 'Too many tokens, please wait before trying again.'),
  },
  {
    name: 'status 400 plain',
    kind: 'validation',
    status: 400,
    build: () => ({ status: 400, message: 'Bad request' }),
  },
  {
    name: 'status 403 + streaming action',
    kind: 'streaming_denied',
    build: () => ({ status: 403, message: 'bedrock:ConverseStream denied' }),
  },
];

export const wordings: Row[] = [
  ...[
    'Input is too long for requested model.',
    'The request had too many input tokens.',
    'prompt is too long: 215000 tokens > 200000 maximum',
    "This model's maximum context length is 8192 tokens.",
    'max input token count exceeded',
    'The input exceeds the maximum number of input tokens for this model.',
    'Request exceeds the context window of the model',
    'input length and `max_tokens` exceed context limit: 190000 + 32000 > 200000',
    'stop reason model_context_window_exceeded',
  ].map(
    (text): Row => ({
      name: `overflow: ${text}`,
      kind: 'context_overflow',
      build: () => new Error(text),
    }),
  ),
  {
    name: 'throttle wording: Too many tokens',
    kind: 'rate_limit',
    build: () => new Error('Too many tokens, please wait before trying again.'),
  },
  {
    name: 'throttle wording: Too many requests',
    kind: 'rate_limit',
    build: () => new Error('Too many requests, please wait before trying again.'),
  },
  {
    name: 'throttle wording: Too many tokens per day',
    kind: 'quota_exceeded',
    build: () => new Error('Too many tokens per day, please wait before trying again.'),
  },
  {
    name: 'content filtering policy',
    kind: 'content_filtered',
    build: () => new Error('Output blocked by content filtering policy'),
  },
  {
    name: 'on-demand wording without a name',
    kind: 'on_demand_unsupported',
    build: () => new Error(ON_DEMAND),
  },
  {
    name: 'on-demand wording with a straight apostrophe',
    kind: 'on_demand_unsupported',
    build: () => new Error(ON_DEMAND_STRAIGHT),
  },
  {
    name: 'capital-M Message body',
    kind: 'context_overflow',
    build: () => ({ Message: 'Input is too long for requested model' }),
  },
];

export const auth: Row[] = [
  {
    name: 'UnrecognizedClientException',
    kind: 'auth',
    code: 'UnrecognizedClientException',
    build: () =>
      unmodeled(
        'UnrecognizedClientException',
        403,
        'The security token included in the request is invalid.',
      ),
  },
  {
    name: 'InvalidSignatureException',
    kind: 'auth',
    build: () =>
      unmodeled(
        'InvalidSignatureException',
        403,
        'The request signature we calculated does not match the signature you provided.',
      ),
  },
  {
    name: 'ExpiredTokenException',
    kind: 'auth',
    build: () =>
      unmodeled(
        'ExpiredTokenException',
        403,
        'The security token included in the request is expired',
      ),
  },
  {
    name: 'CredentialsProviderError',
    kind: 'auth',
    build: () =>
      namedError('CredentialsProviderError', 'Could not load credentials from any providers', {
        tryNextLink: false,
      }),
  },
  {
    name: 'missing credentials (plain Error)',
    kind: 'auth',
    build: () => new Error('Could not load credentials from any providers'),
  },
];
