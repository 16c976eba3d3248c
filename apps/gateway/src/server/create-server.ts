import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ParamPolicy } from '@bedrock-bridge/format';
import {
  type CallObserver,
  createOpenAIHandler,
  gatewayError,
  type HandlerCall,
  type OpenAIBackend,
  type OpenAIErrorResponse,
  type OpenAIRequestParts,
  outgoing,
  PARAMS_HEADER,
  type SseTextSource,
  takeSseTextSource,
} from '@bedrock-bridge/openai';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { checkApiKey } from './check-api-key.js';
import { answerExpectation, handleClientError } from './client-error.js';
import { fastifyErrorResponse } from './fastify-error-response.js';
import { hostAllowlist } from './host-allowlist.js';
import { useJsonBodyParser } from './json-body-parser.js';
import { buildLogEntry } from './log-entry.js';
import { loopBusyMeter } from './loop-busy-meter.js';
import {
  jsonLineLogger,
  logSafely,
  type RequestLogEntry,
  type RequestLogger,
} from './request-log.js';
import { RequestState } from './request-state.js';
import { resolveLimits, type ServerLimits } from './server-limits.js';
import { upstreamCancel } from './upstream-cancel.js';
import { writeSse } from './write-sse.js';

/** Options of `createServer`. */
export interface ServerOptions {
  /** The composition behind the routes. */
  backend: OpenAIBackend;
  /**
   * Key clients must send as `Authorization: Bearer <key>`. Default: none (no auth).
   * CLI `--api-key`, env `BEDROCK_BRIDGE_API_KEY`.
   */
  apiKey?: string | readonly string[];
  /** Largest request body in bytes. Default 20 MiB (images travel as data URLs). CLI `--body-limit`. */
  bodyLimit?: number;
  /** Where request log lines go. Default: one JSON line per request on stdout. */
  log?: RequestLogger | false;
  /** Put the request's messages in the log line. Default false. CLI `--log-prompts`. */
  logPrompts?: boolean;
  /**
   * `Host` header values accepted (exact names, `*.example.com` for sub-domains, `*` for any),
   * against DNS rebinding. IP literals and `localhost` names always pass. Default: without an
   * `apiKey` only those; with an `apiKey`, any host. CLI `--allowed-hosts`.
   */
  allowedHosts?: readonly string[];
  /** Timeouts and size limits (see `ServerLimits` for each default). */
  limits?: ServerLimits;
  /**
   * What happens to a request field the model cannot take as sent: `'drop'` (left out, or
   * clamped into range, and named in `x-bedrock-bridge-warnings`) or `'reject'` (a 400 naming the
   * field). A request picks its own with the header `x-bedrock-bridge-params: drop | strict`.
   * Default `'drop'`. CLI `--params drop|strict`.
   */
  paramPolicy?: ParamPolicy;
}

/** A started gateway. */
export interface Gateway {
  app: FastifyInstance;
  /** Listens; returns the base URL (e.g. `http://127.0.0.1:8080`). */
  listen(port?: number, host?: string): Promise<string>;
  /** Requests being answered right now. */
  readonly inFlight: number;
  /**
   * Stops accepting connections, lets open answers finish, and after `deadlineMs`
   * (default 10000) cancels what is left: each open stream ends with an error event.
   */
  close(deadlineMs?: number): Promise<void>;
}

/** The answer to a request past `maxInFlight` or `maxLoopBusy`: at once, with when to come back. */
function busy(why: string): OpenAIErrorResponse {
  const failure = gatewayError(503, `The gateway ${why}; retry after 1 s.`, {
    type: 'server_error',
    code: 'server_busy',
  });
  return { ...failure, headers: { 'retry-after': '1' } };
}

/** Pending connections the kernel may queue before the gateway accepts them. */
export const LISTEN_BACKLOG = 4096;

/** Builds the OpenAI-compatible HTTP server: chat completions, models, health. */
export function createServer(options: ServerOptions): Gateway {
  const log = options.log === false ? undefined : (options.log ?? jsonLineLogger);
  const authorize = options.apiKey ? checkApiKey(options.apiKey) : undefined;
  const checkHost = hostAllowlist(options.allowedHosts, Boolean(options.apiKey));
  const secrets = options.apiKey ? [options.apiKey].flat() : [];
  const limits = resolveLimits(options.limits);
  const active = new Set<AbortController>();
  const meter = limits.maxLoopBusy > 0 ? loopBusyMeter() : undefined;
  let closing = false;
  /** Requests Node cut while their body was arriving (408), for their log line. */
  const cut = new WeakMap<Socket, OpenAIErrorResponse>();
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    genReqId: () => `req_${randomUUID().replaceAll('-', '')}`,
    // Requests arriving while closing are answered below, in OpenAI's shape.
    return503OnClosing: false,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      // How often Node looks for requests past their deadline (its default is 30 s).
      connectionsCheckingInterval: Math.max(
        10,
        Math.min(5000, Math.floor(limits.headersTimeoutMs / 4)),
      ),
    },
    clientErrorHandler: handleClientError((socket, failure) =>
      cut.set(socket, outgoing(failure, secrets)),
    ),
  });
  app.server.on('checkExpectation', answerExpectation);

  // JSON only: a text/plain body is a 415 with a clear message, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  useJsonBodyParser(app);
  app.decorateRequest('bridge', undefined as unknown as RequestState);
  app.addHook('onRequest', async (request, reply) => {
    request.bridge = new RequestState(
      log ? () => logSafely(log, () => logLine(request, reply.raw)) : undefined,
    );
    reply.header('x-request-id', request.id);
    // Idle: an answer the client stopped reading is cut. A request still being answered is
    // not: before its headers the transport's deadlines govern it (a request still arriving
    // has the request timeout), and a stream has its write deadline.
    reply.raw.on('timeout', () => {
      if (reply.raw.headersSent && !request.bridge.inHandler) reply.raw.destroy();
    });
    // A client that leaves early closes the socket before the handler has decided the
    // outcome: that line waits for the handler (and the error handler) to settle.
    reply.raw.once('close', () => request.bridge.connectionClosed(reply.raw.writableFinished));
    if (closing) {
      reply.header('connection', 'close');
      return sendError(
        reply,
        request,
        gatewayError(
          503,
          'The gateway is shutting down; send the request again on a new connection.',
          {
            type: 'server_error',
            code: 'shutting_down',
          },
        ),
      );
    }
    const badHost = checkHost?.(request.headers.host);
    if (badHost) return sendError(reply, request, badHost);
    // Decided on the route the router matched (after it decoded the path), not on the raw URL:
    // `/%761/models` or an absolute-form target reach /v1 routes too. Only the probes are open.
    if (
      authorize &&
      request.routeOptions.url !== '/healthz' &&
      request.routeOptions.url !== '/readyz'
    ) {
      const denied = authorize(request.headers.authorization);
      if (denied) return sendError(reply, request, denied);
    }
  });

  function logLine(request: FastifyRequest, res: ServerResponse): RequestLogEntry {
    const severed = cut.get(request.raw.socket);
    return buildLogEntry(request, res, {
      secrets,
      logPrompts: options.logPrompts === true,
      ...(severed ? { severed } : {}),
    });
  }

  function sendError(reply: FastifyReply, request: FastifyRequest, failure: OpenAIErrorResponse) {
    const safe = outgoing(failure, secrets);
    request.bridge.recordFailure(safe);
    return reply.code(safe.status).headers(safe.headers).send(safe.body);
  }

  app.setErrorHandler((err, request, reply) =>
    sendError(reply, request, fastifyErrorResponse(err)),
  );
  // Every /v1 route, and every path no route matches, is the OpenAI handler's: the server only
  // authenticates, limits, logs and meters around it.
  const handler = createOpenAIHandler({
    backend: options.backend,
    maxJsonDepth: limits.maxJsonDepth,
    secrets,
    ...(options.paramPolicy === undefined ? {} : { paramPolicy: options.paramPolicy }),
  });

  /** What the handler reports lands in the request's log line (and from there in the metrics). */
  function observerFor(state: RequestState, onFirstToken: () => void): CallObserver {
    return {
      request: ({ model, stream, prompt }) =>
        state.recordRequest(model, stream, options.logPrompts ? prompt : undefined),
      notes: (notes, header) => state.recordNotes(notes, header),
      transportEvent: (event) => {
        if (event.type === 'attempt') state.attempts += 1;
      },
      failure: (failure) => state.recordFailure(failure),
      firstToken: onFirstToken,
      stream: (outcome) => state.recordStream(outcome),
    };
  }

  /**
   * The request as the handler takes it, without a web `Request`: the path the router matched (ids
   * re-encoded), the query, the two headers it reads, Fastify's body text (within the body limit).
   */
  function handlerParts(request: FastifyRequest): OpenAIRequestParts {
    const route = request.routeOptions.url;
    const query = request.url.indexOf('?');
    const search = query < 0 ? '' : request.url.slice(query);
    const headers: Record<string, string | undefined> = {
      'content-type': request.headers['content-type'],
    };
    const policy = request.headers[PARAMS_HEADER];
    if (policy !== undefined) headers[PARAMS_HEADER] = [policy].flat().join(',');
    const body = typeof request.body === 'string' ? request.body : '';
    if (route === undefined) {
      // No route matched: the target as a URL reads it (dot segments resolved), for the 404.
      const url = new URL(`http://gateway${request.url}`);
      return { method: request.method, pathname: url.pathname, search: url.search, headers, body };
    }
    const params = (request.params ?? {}) as Record<string, string>;
    const pathname = route.replace(/:(\w+)/g, (_, key: string) =>
      encodeURIComponent(params[key] ?? ''),
    );
    return { method: request.method, pathname, search, headers, body };
  }

  /**
   * Asks the handler; sends a JSON answer (and returns `undefined`), or writes an event stream's
   * head and returns its events. The request's parts and the handler's `Response` live in this
   * frame only, which ends before the stream is written: a suspended async function keeps what
   * its registers held, so `delegate`, waiting out a whole stream, holds neither the body text nor
   * the Response (its headers and its web body stream, unread once the text source is taken).
   */
  async function answerHead(
    request: FastifyRequest,
    reply: FastifyReply,
    call: HandlerCall,
  ): Promise<SseTextSource | ReadableStream<Uint8Array> | undefined> {
    const parts = handlerParts(request);
    // The handler has the body text now; Fastify's request would hold it for the whole answer.
    // Nothing after this point reads it.
    request.body = undefined;
    const response = await handler.answer(parts, call);
    const body = response.body;
    const type = response.headers.get('content-type') ?? '';
    if (body === null || !type.startsWith('text/event-stream')) {
      reply.code(response.status);
      for (const [name, value] of response.headers) reply.header(name, value);
      reply.send(await response.text());
      return undefined;
    }
    reply.hijack();
    reply.raw.writeHead(response.status, {
      ...Object.fromEntries(response.headers),
      'x-request-id': request.id,
    });
    request.bridge.status = response.status;
    return takeSseTextSource(response) ?? body;
  }

  /**
   * Answers through the OpenAI handler: cancellation when the client leaves or the server shuts
   * down past its deadline, a JSON answer sent as it is, an event stream written with
   * backpressure and a write deadline.
   */
  async function delegate(request: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const state = request.bridge;
    const res = reply.raw;
    if (request.method === 'POST') {
      if (limits.maxInFlight > 0 && active.size >= limits.maxInFlight) {
        return sendError(
          reply,
          request,
          busy(`is answering ${limits.maxInFlight} requests already, its limit`),
        );
      }
      if (meter !== undefined && meter.busy > limits.maxLoopBusy) {
        return sendError(
          reply,
          request,
          busy(
            `was busy ${Math.round(meter.busy * 100)}% of the last half second (its limit: ${Math.round(limits.maxLoopBusy * 100)}%)`,
          ),
        );
      }
    }
    const cancel = upstreamCancel(res, active);
    let tokenPending = false;
    state.enterHandler();
    try {
      const events = await answerHead(request, reply, {
        signal: cancel.controller.signal,
        observer: observerFor(state, () => {
          tokenPending = true;
        }),
      });
      if (events === undefined) return reply;
      // The handler's events as text, written to the socket as they are (no web stream between).
      await writeSse(res, events, {
        writeTimeoutMs: limits.writeTimeoutMs,
        firstToken: () => {
          const first = tokenPending;
          tokenPending = false;
          return first;
        },
        // Abort before the stream is cancelled: the upstream socket is released at once.
        onClientGone: (error) =>
          cancel.controller.abort(
            new BedrockBridgeError({ kind: 'aborted', message: error.message }),
          ),
      });
      return reply;
    } finally {
      cancel.release();
      state.leaveHandler();
    }
  }

  app.setNotFoundHandler(delegate);
  app.get('/healthz', async () => ({ status: 'ok', inFlight: active.size }));
  app.get('/v1/models', delegate);
  app.get('/v1/models/:id', delegate);
  app.post('/v1/chat/completions', delegate);
  app.post('/v1/embeddings', delegate);
  if (options.backend.responses) {
    app.post('/v1/responses', delegate);
    app.get('/v1/responses/:id', delegate);
    app.delete('/v1/responses/:id', delegate);
    app.get('/v1/responses/:id/input_items', delegate);
  }

  return {
    app,
    get inFlight() {
      return active.size;
    },
    async listen(port = 0, host = '127.0.0.1') {
      // A burst of new connections (a thousand streams opening at once) while the event loop is
      // busy overflows Node's default accept queue of 511: the kernel drops the handshakes and
      // the clients later see ECONNRESET. The kernel caps this at net.core.somaxconn.
      await app.listen({ port, host, backlog: LISTEN_BACKLOG });
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${h}:${address.port}`;
    },
    async close(deadlineMs = 10_000) {
      closing = true;
      meter?.stop();
      const timer = setTimeout(() => {
        for (const controller of active) {
          controller.abort(
            new BedrockBridgeError({
              kind: 'overloaded',
              message: 'The gateway is shutting down; the answer was cut short.',
            }),
          );
        }
        // Whatever still holds a socket after the streams wrote their error event.
        setImmediate(() => app.server.closeAllConnections());
      }, deadlineMs);
      try {
        await app.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
