import { BedrockBridgeError } from '../bedrock-bridge-error.js';
import { type Row, unmodeled } from './classification-row.js';
import { internalError, namedError, systemError } from './node-errors.js';

/** Dead connections, timeouts, unreachable endpoints, aborts, broken streams. */
export const stale: Row[] = [
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
    name: 'bare AssertionError from a socket library frame',
    kind: 'stale_connection',
    message: /^AssertionError \(stale_connection\): A pooled connection was closed by the peer$/,
    build: () =>
      Object.assign(namedError('AssertionError', ''), {
        stack:
          'AssertionError [ERR_ASSERTION]\n    at Socket.onData (node:_http_client:551:3)\n    at Socket.emit (node:events:519:28)',
      }),
  },
  {
    name: 'bare AssertionError from application code',
    kind: 'unknown',
    build: () =>
      Object.assign(namedError('AssertionError', ''), {
        stack: 'AssertionError [ERR_ASSERTION]\n    at checkCart (/srv/app/cart.js:10:3)',
      }),
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

export const timeouts: Row[] = [
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

export const unreachable: Row[] = [
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

export const aborted: Row[] = [
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

export const truncated: Row[] = [
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
