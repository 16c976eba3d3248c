import * as cp from '@aws-sdk/client-bedrock';
import * as rt from '@aws-sdk/client-bedrock-runtime';
import { describe, expect, it } from 'vitest';
import { BedrockBridgeError } from './bedrock-bridge-error.js';
import { classifyError } from './classify-error.js';
import type { ErrorKind } from './error-kind.js';
import { kindFacts } from './kind-facts.js';
import { internalError, namedError, systemError } from './test-support/node-errors.js';

interface Row {
  name: string;
  build: () => unknown;
  kind: ErrorKind;
  code?: string;
  status?: number;
  message?: RegExp;
}

const meta = (httpStatusCode?: number) =>
  httpStatusCode === undefined ? {} : { httpStatusCode, requestId: 'req-1' };

/** An unmodeled service error as the SDK builds it (`BedrockRuntimeServiceException` + name). */
const unmodeled = (name: string, status: number, message: string) =>
  new rt.BedrockRuntimeServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: meta(status),
    message,
  });

/** An event-stream exception the SDK did not model: `Error` named after `:exception-type`. */
const inStream = (exceptionType: string, message: string) => namedError(exceptionType, message);

const ON_DEMAND =
  "Invocation of model ID anthropic.claude-sonnet-4-20250514-v1:0 with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.";
const STREAM_DENIED =
  'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action';

const runtimeModeled: Row[] = [
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

const controlPlane: Row[] = [
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

const eventStream: Row[] = [
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

const byStatus: Row[] = [
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

const wordings: Row[] = [
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
    name: 'capital-M Message body',
    kind: 'context_overflow',
    build: () => ({ Message: 'Input is too long for requested model' }),
  },
];

const auth: Row[] = [
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

const stale: Row[] = [
  {
    name: 'read ECONNRESET',
    kind: 'stale_connection',
    code: 'ECONNRESET',
    build: () => systemError('ECONNRESET', 'read', -104),
  },
  {
    name: 'SDK HTTP/1.1 reused dead socket (TimeoutError ECONNRESET)',
    kind: 'stale_connection',
    code: 'ECONNRESET',
    build: () => namedError('TimeoutError', 'socket hang up', { code: 'ECONNRESET' }),
  },
  {
    name: 'HTTP/1.1 cut mid-stream (ECONNRESET "aborted")',
    kind: 'stale_connection',
    build: () => Object.assign(new Error('aborted'), { code: 'ECONNRESET' }),
  },
  {
    name: 'write EPIPE',
    kind: 'stale_connection',
    code: 'EPIPE',
    build: () => systemError('EPIPE', 'write', -32),
  },
  {
    name: 'SDK http2 did not get a response',
    kind: 'stale_connection',
    build: () =>
      namedError('TimeoutError', 'Unexpected error: http2 request did not get a response'),
  },
  {
    name: 'ERR_HTTP2_STREAM_CANCEL with ECONNRESET cause',
    kind: 'stale_connection',
    build: () =>
      internalError(
        'ERR_HTTP2_STREAM_CANCEL',
        'The pending stream has been canceled (caused by: read ECONNRESET)',
        systemError('ECONNRESET', 'read', -104),
      ),
  },
  {
    name: 'ERR_HTTP2_STREAM_ERROR',
    kind: 'stale_connection',
    code: 'ERR_HTTP2_STREAM_ERROR',
    build: () =>
      internalError(
        'ERR_HTTP2_STREAM_ERROR',
        'Stream closed with error code NGHTTP2_REFUSED_STREAM',
      ),
  },
  {
    name: 'ERR_HTTP2_SESSION_ERROR',
    kind: 'stale_connection',
    build: () => internalError('ERR_HTTP2_SESSION_ERROR', 'Session closed with error code 2'),
  },
  {
    name: 'ERR_HTTP2_GOAWAY_SESSION',
    kind: 'stale_connection',
    build: () =>
      internalError(
        'ERR_HTTP2_GOAWAY_SESSION',
        'New streams cannot be created after receiving a GOAWAY',
      ),
  },
  {
    name: 'ERR_HTTP2_INVALID_SESSION',
    kind: 'stale_connection',
    build: () => internalError('ERR_HTTP2_INVALID_SESSION', 'The session has been destroyed'),
  },
  {
    name: 'undici fetch failed / UND_ERR_SOCKET',
    kind: 'stale_connection',
    code: 'UND_ERR_SOCKET',
    build: () =>
      new TypeError('fetch failed', {
        cause: namedError('SocketError', 'other side closed', { code: 'UND_ERR_SOCKET' }),
      }),
  },
  {
    name: 'ERR_STREAM_PREMATURE_CLOSE',
    kind: 'stale_connection',
    build: () => internalError('ERR_STREAM_PREMATURE_CLOSE', 'Premature close'),
  },
  {
    name: 'bare AssertionError',
    kind: 'stale_connection',
    message: /^AssertionError \(stale_connection\): A pooled connection was closed by the peer$/,
    build: () => namedError('AssertionError', ''),
  },
  {
    name: 'stale code three causes deep',
    kind: 'stale_connection',
    code: 'ECONNRESET',
    build: () =>
      new Error('request failed', {
        cause: new Error('send failed', { cause: systemError('ECONNRESET', 'read', -104) }),
      }),
  },
  {
    name: 'AggregateError containing a reset',
    kind: 'stale_connection',
    build: () =>
      new AggregateError(
        [new Error('first try failed'), systemError('ECONNRESET', 'read', -104)],
        '',
      ),
  },
  {
    name: 'HTTP/2 stream abnormally aborted',
    kind: 'stale_connection',
    build: () =>
      new Error('HTTP/2 stream is abnormally aborted in mid-communication with result code 2.'),
  },
];

const timeouts: Row[] = [
  {
    name: 'SDK requestTimeout (ETIMEDOUT)',
    kind: 'timeout',
    code: 'ETIMEDOUT',
    build: () =>
      namedError(
        'TimeoutError',
        '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 1000 ms requestTimeout.',
        { code: 'ETIMEDOUT' },
      ),
  },
  {
    name: 'SDK socket timeout',
    kind: 'timeout',
    code: 'TimeoutError',
    build: () =>
      namedError(
        'TimeoutError',
        '@smithy/node-http-handler - the request socket timed out after 5000 ms of inactivity (configured by client requestHandler).',
      ),
  },
  {
    name: 'SDK http2 stream inactivity',
    kind: 'timeout',
    build: () => namedError('TimeoutError', 'Stream timed out because of no activity for 30000 ms'),
  },
  {
    name: 'connect ETIMEDOUT',
    kind: 'timeout',
    build: () => systemError('ETIMEDOUT', 'connect', -110, { address: '10.0.0.1', port: 443 }),
  },
  {
    name: 'DOMException TimeoutError',
    kind: 'timeout',
    build: () => new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
  },
  {
    name: 'RequestTimeout name',
    kind: 'timeout',
    build: () =>
      unmodeled(
        'RequestTimeout',
        400,
        'Your socket connection to the server was not read from or written to within the timeout period.',
      ),
  },
  {
    name: 'undici headers timeout',
    kind: 'timeout',
    code: 'UND_ERR_HEADERS_TIMEOUT',
    build: () =>
      new TypeError('fetch failed', {
        cause: namedError('HeadersTimeoutError', 'Headers Timeout Error', {
          code: 'UND_ERR_HEADERS_TIMEOUT',
        }),
      }),
  },
  {
    name: 'our deadline inside the SDK AbortError',
    kind: 'timeout',
    build: () =>
      namedError('AbortError', 'Request aborted', {
        cause: new BedrockBridgeError({
          kind: 'timeout',
          message: 'No first byte within 10000 ms',
        }),
      }),
  },
];

const unreachable: Row[] = [
  {
    name: 'connect ECONNREFUSED',
    kind: 'unreachable',
    code: 'ECONNREFUSED',
    build: () => systemError('ECONNREFUSED', 'connect', -111, { address: '127.0.0.1', port: 1 }),
  },
  {
    name: 'getaddrinfo ENOTFOUND',
    kind: 'unreachable',
    code: 'ENOTFOUND',
    build: () =>
      systemError('ENOTFOUND', 'getaddrinfo', -3008, {
        hostname: 'bedrock-runtime.nowhere.invalid',
      }),
  },
  {
    name: 'getaddrinfo EAI_AGAIN',
    kind: 'unreachable',
    build: () => systemError('EAI_AGAIN', 'getaddrinfo', -3001),
  },
  {
    name: 'connect EHOSTUNREACH',
    kind: 'unreachable',
    build: () => systemError('EHOSTUNREACH', 'connect', -113),
  },
  {
    name: 'connect ENETUNREACH',
    kind: 'unreachable',
    build: () => systemError('ENETUNREACH', 'connect', -101),
  },
  {
    name: 'happy-eyeballs AggregateError of refusals',
    kind: 'unreachable',
    code: 'ECONNREFUSED',
    build: () =>
      Object.assign(
        new AggregateError(
          [
            systemError('ECONNREFUSED', 'connect', -111),
            systemError('ECONNREFUSED', 'connect', -111),
          ],
          '',
        ),
        { code: 'ECONNREFUSED' },
      ),
  },
  {
    name: 'fetch failed caused by ECONNREFUSED',
    kind: 'unreachable',
    build: () =>
      new TypeError('fetch failed', { cause: systemError('ECONNREFUSED', 'connect', -111) }),
  },
];

const aborted: Row[] = [
  { name: 'AbortSignal.abort() reason', kind: 'aborted', build: () => AbortSignal.abort().reason },
  {
    name: 'SDK AbortError with the signal reason as cause',
    kind: 'aborted',
    code: 'AbortError',
    build: () =>
      namedError('AbortError', 'Request aborted', {
        cause: new DOMException('This operation was aborted', 'AbortError'),
      }),
  },
  {
    name: 'Node ABORT_ERR',
    kind: 'aborted',
    code: 'ABORT_ERR',
    build: () =>
      Object.assign(namedError('AbortError', 'The operation was aborted'), { code: 'ABORT_ERR' }),
  },
  {
    name: 'AbortError wrapping a reset is still aborted',
    kind: 'aborted',
    build: () =>
      namedError('AbortError', 'Request aborted', {
        cause: systemError('ECONNRESET', 'read', -104),
      }),
  },
];

const truncated: Row[] = [
  {
    name: 'codec: truncated event message',
    kind: 'stream_truncated',
    build: () => new Error('Truncated event message received.'),
  },
  {
    name: 'codec: checksum mismatch',
    kind: 'stream_truncated',
    build: () => new Error('The message checksum (1234) did not match the expected value of 5678'),
  },
  {
    name: 'stream ended without messageStop',
    kind: 'stream_truncated',
    build: () => new Error('The stream ended without messageStop'),
  },
];

const odd: Row[] = [
  {
    name: 'string wording',
    kind: 'rate_limit',
    message: /^Too many requests$/,
    build: () => 'Too many requests',
  },
  { name: 'empty string', kind: 'unknown', message: /^string \(unknown\): /, build: () => '' },
  { name: 'null', kind: 'unknown', message: /^null \(unknown\): /, build: () => null },
  {
    name: 'undefined',
    kind: 'unknown',
    message: /^undefined \(unknown\): /,
    build: () => undefined,
  },
  { name: 'number', kind: 'unknown', message: /42/, build: () => 42 },
  { name: 'empty object', kind: 'unknown', message: /^Object \(unknown\): /, build: () => ({}) },
  {
    name: 'plain object with a stale message',
    kind: 'stale_connection',
    build: () => ({ message: 'socket hang up' }),
  },
  {
    name: 'Error with an empty message',
    kind: 'unknown',
    message: /^Error \(unknown\): An unexpected error occurred$/,
    build: () => new Error(''),
  },
  {
    name: 'empty-message wrapper of a reset',
    kind: 'stale_connection',
    message: /^Error \(stale_connection\): .*\(cause: read ECONNRESET\)$/,
    build: () => new Error('', { cause: systemError('ECONNRESET', 'read', -104) }),
  },
  {
    name: 'Proxy whose getters throw',
    kind: 'unknown',
    build: () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('no');
          },
        },
      ),
  },
  {
    name: 'application AssertionError with a message',
    kind: 'unknown',
    build: () =>
      namedError('AssertionError', 'expected 1 to equal 2', {
        code: 'ERR_ASSERTION',
        stack: 'AssertionError: expected\n    at myTest (/app/src/my.test.js:3:9)',
      }),
  },
  {
    name: 'nested BedrockBridgeError keeps its kind',
    kind: 'content_filtered',
    build: () =>
      new Error('wrapped', {
        cause: new BedrockBridgeError({ kind: 'content_filtered', message: 'blocked' }),
      }),
  },
  {
    name: 'cyclic cause chain',
    kind: 'unknown',
    build: () => {
      const a = new Error('a') as Error & { cause?: unknown };
      const b = new Error('b', { cause: a });
      a.cause = b;
      return a;
    },
  },
];

const rows: Row[] = [
  ...runtimeModeled,
  ...controlPlane,
  ...eventStream,
  ...byStatus,
  ...wordings,
  ...auth,
  ...stale,
  ...timeouts,
  ...unreachable,
  ...aborted,
  ...truncated,
  ...odd,
];

describe('classifyError', () => {
  it('has at least 60 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)('$name => $kind', (row) => {
    const thrown = row.build();
    const info = classifyError(thrown);
    expect(info.kind).toBe(row.kind);
    const facts = kindFacts(row.kind);
    if (!BedrockBridgeError.is(info.cause) || info.cause === thrown) {
      expect(info.retryable).toBe(row.kind === 'aborted' ? false : facts.retryable);
      expect(info.evictClient).toBe(facts.evictClient);
    }
    expect(info.cause).toBe(thrown);
    expect(info.message.trim()).not.toBe('');
    expect(info.message).not.toMatch(/^\w*Error:\s*$/);
    if (row.code !== undefined) expect(info.code).toBe(row.code);
    if (row.status !== undefined) expect(info.status).toBe(row.status);
    if (row.message !== undefined) expect(info.message).toMatch(row.message);
  });

  it('passes a BedrockBridgeError through with its own info', () => {
    const err = new BedrockBridgeError({
      kind: 'stream_truncated',
      message: 'No messageStop after 3 events',
      retryable: false,
      code: 'NO_MESSAGE_STOP',
    });
    expect(classifyError(err)).toEqual(err.toInfo());
    expect(classifyError(err).retryable).toBe(false);
  });
});
