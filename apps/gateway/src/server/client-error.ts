import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { gatewayError, type OpenAIErrorResponse } from '@bedrock-bridge/openai';

/*
 * Requests Node's HTTP parser refuses before any route sees them (malformed chunk sizes, both
 * Content-Length and Transfer-Encoding, obsolete header folding, NUL or bare LF in a header,
 * oversized headers, a request that takes too long) still get OpenAI's error shape.
 */

/** What a parser error means for the client. */
export function clientErrorResponse(err: NodeJS.ErrnoException): OpenAIErrorResponse {
  switch (err.code) {
    case 'HPE_INVALID_EOF_STATE':
      // The client ended the connection part-way through its request: nobody to answer.
      return {
        ...gatewayError(499, 'The client closed the connection while sending the request.', {
          type: 'server_error',
          code: 'aborted',
        }),
        kind: 'aborted',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return gatewayError(408, 'The request took too long to arrive (headers and body).', {
        code: 'request_timeout',
      });
    case 'HPE_HEADER_OVERFLOW':
      return gatewayError(431, 'The request headers are too large.', {
        code: 'request_header_fields_too_large',
      });
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return gatewayError(413, 'The chunk extensions of the request body are too large.', {
        code: 'request_too_large',
      });
    default: {
      // llhttp's reason ("Invalid character in chunk size") names the fault, never the bytes.
      const reason = (err as { reason?: unknown }).reason;
      const why = typeof reason === 'string' && reason !== '' ? `: ${reason}` : '';
      return gatewayError(400, `The request is not valid HTTP/1.1${why}.`, {
        code: 'invalid_http_request',
      });
    }
  }
}

/** The whole raw response, `Connection: close`: after a parser error the stream is unusable. */
export function rawErrorResponse(failure: OpenAIErrorResponse): string {
  const body = JSON.stringify(failure.body);
  return [
    `HTTP/1.1 ${failure.status} ${STATUS_CODES[failure.status] ?? 'Error'}`,
    'content-type: application/json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node's `clientError` listener (Fastify's `clientErrorHandler`). `onCut` hears about a request
 * that was cut while its route was reading it (a body timeout), so its log line says so.
 */
export function handleClientError(
  onCut: (socket: Socket, failure: OpenAIErrorResponse) => void,
): (err: NodeJS.ErrnoException, socket: Socket) => void {
  return (err, socket) => {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const failure = clientErrorResponse(err);
    const pending = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (pending) onCut(socket, failure);
    const answerable = failure.status !== 499 && socket.writable && !pending?.headersSent;
    if (answerable) socket.write(rawErrorResponse(failure));
    socket.destroy();
  };
}

/** `Expect:` other than `100-continue`: Node's bare 417, in OpenAI's shape. */
export function answerExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const failure = gatewayError(417, "Only 'Expect: 100-continue' is supported.", {
    code: 'expectation_failed',
    param: null,
  });
  res.writeHead(failure.status, {
    'content-type': 'application/json; charset=utf-8',
    connection: 'close',
  });
  res.end(JSON.stringify(failure.body));
}
