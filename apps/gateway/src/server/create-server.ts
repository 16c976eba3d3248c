import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { ParamPolicy } from '@bedrock-bridge/format';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ConversionNotes } from '../chat-completion.js';
import { answerEmbeddings } from './answer-embeddings.js';
import { checkApiKey } from './check-api-key.js';
import { answerExpectation, handleClientError } from './client-error.js';
import type { BackendCallContext, GatewayBackend } from './gateway-backend.js';
import { hostAllowlist } from './host-allowlist.js';
import { useJsonBodyParser } from './json-body-parser.js';
import { buildLogEntry } from './log-entry.js';
import { gatewayError, type OpenAIErrorResponse } from './openai-error.js';
import { capText } from './param-path.js';
import { PARAMS_HEADER, paramPolicyFromHeader } from './params-header.js';
import {
  jsonLineLogger,
  logSafely,
  type RequestLogEntry,
  type RequestLogger,
} from './request-log.js';
import { RequestState } from './request-state.js';
import {
  carriesResponseToken,
  isResponseFailure,
  registerResponsesRoutes,
  settleFailureEvents,
} from './responses-routes.js';
import { resolveLimits, type ServerLimits } from './server-limits.js';
import { outgoing, toErrorResponse } from './to-error-response.js';
import { upstreamCancel } from './upstream-cancel.js';
import { validateChatRequest } from './validate-chat-request.js';
import { WARNINGS_HEADER } from './warnings-header.js';
import { ClientStoppedReadingError, SSE_HEADERS, writeSse } from './write-sse.js';

/** Options of `createServer`. */
export interface ServerOptions {
  /** The composition behind the routes. */
  backend: GatewayBackend;
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

/** One model call as a route hands it to `answer`. */
interface AnswerCall {
  stream: boolean;
  complete(context: BackendCallContext): Promise<object>;
  events(context: BackendCallContext): AsyncIterable<object>;
  /** The first event this accepts marks the time to first token. */
  isToken(event: object): boolean;
  /**
   * An event that already tells the client the stream failed: an error thrown after it ends the
   * stream as it is (logged), with no extra error event. Default: none.
   */
  isFailureEvent?: (event: object) => boolean;
}

/** A chunk with answer text, reasoning or a tool call (not only the role or the finish). */
function carriesToken(chunk: object): boolean {
  const delta = (chunk as { choices?: { delta?: Record<string, unknown> }[] }).choices?.[0]?.delta;
  return Boolean(delta?.content || delta?.tool_calls || delta?.reasoning_content);
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
  useJsonBodyParser(app, limits.maxJsonDepth);
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

  app.setErrorHandler((err, request, reply) => sendError(reply, request, toErrorResponse(err)));
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      request,
      gatewayError(404, `Invalid URL (${request.method} ${request.url})`, { code: 'not_found' }),
    ),
  );

  app.get('/healthz', async () => ({ status: 'ok', inFlight: active.size }));

  app.get('/v1/models', async (_request, reply) => {
    const controller = new AbortController();
    reply.raw.once('close', () => controller.abort());
    const data = await options.backend.listModels(controller.signal);
    return { object: 'list', data };
  });

  app.post('/v1/embeddings', (request, reply) =>
    answerEmbeddings(request, reply, { backend: options.backend, active }),
  );

  app.get<{ Params: { id: string } }>('/v1/models/:id', async (request, reply) => {
    const controller = new AbortController();
    reply.raw.once('close', () => controller.abort());
    const id = request.params.id;
    const backend = options.backend;
    const model = backend.getModel
      ? await backend.getModel(id, controller.signal)
      : (await backend.listModels(controller.signal)).find((m) => m.id === id);
    if (model !== undefined) return model;
    return sendError(
      reply,
      request,
      gatewayError(
        404,
        `The model '${capText(id, 200)}' does not exist or is not served by this gateway. GET /v1/models lists the models it serves.`,
        { code: 'model_not_found', param: 'model' },
      ),
    );
  });

  /**
   * Answers one model call, as JSON or as an event stream: cancellation when the client leaves or
   * the server shuts down, attempts and conversion notes in the log line, the warnings header,
   * a proper HTTP status for failures before the first event, and the stream's own failure after.
   */
  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    call: AnswerCall,
  ): Promise<unknown> {
    const state = request.bridge;
    const paramPolicy =
      paramPolicyFromHeader(request.headers[PARAMS_HEADER]) ?? options.paramPolicy ?? 'drop';
    const res = reply.raw;
    const cancel = upstreamCancel(res, active);
    const { controller, why } = cancel;
    const context = {
      paramPolicy,
      signal: controller.signal,
      onEvent: (event: { type: string }) => {
        if (event.type === 'attempt') state.attempts += 1;
      },
      onNotes: (notes: ConversionNotes) => {
        reply.header(WARNINGS_HEADER, state.recordNotes(notes));
      },
    };
    let failedInBand: unknown;
    state.enterHandler();
    try {
      if (!call.stream) {
        try {
          return await call.complete(context);
        } catch (err) {
          throw why(err);
        }
      }
      const chunks = settleFailureEvents(call.events(context), call.isFailureEvent, (err) => {
        failedInBand = err;
      })[Symbol.asyncIterator]();
      // Failures before the first chunk still get a proper HTTP status.
      const first = await chunks.next().catch((err: unknown) => {
        throw why(err);
      });
      reply.hijack();
      res.writeHead(200, {
        ...SSE_HEADERS,
        'x-request-id': request.id,
        ...(state.warningsHeader === undefined ? {} : { [WARNINGS_HEADER]: state.warningsHeader }),
      });
      state.status = 200;
      // A failure is classified once: the error event written is the one logged.
      let written: OpenAIErrorResponse | undefined;
      const outcome = await writeSse(res, first, chunks, {
        toErrorBody: (err) => {
          written = outgoing(toErrorResponse(why(err)), secrets);
          return written.body;
        },
        isToken: call.isToken,
        writeTimeoutMs: limits.writeTimeoutMs,
        // Abort before the source is closed: the upstream socket is released at once.
        onClientGone: (error) =>
          controller.abort(new BedrockBridgeError({ kind: 'aborted', message: error.message })),
      });
      state.recordStream(outcome);
      const error = outcome.ok ? failedInBand : outcome.error;
      if (error !== undefined) {
        const failure =
          written ??
          outgoing(
            toErrorResponse(
              error instanceof ClientStoppedReadingError ? controller.signal.reason : why(error),
            ),
            secrets,
          );
        state.recordFailure(failure);
      }
      return reply;
    } finally {
      cancel.release();
      state.leaveHandler();
    }
  }

  app.post('/v1/chat/completions', async (request, reply) => {
    const body = validateChatRequest(request.body);
    request.bridge.recordRequest(
      body.model,
      body.stream === true,
      options.logPrompts ? body.messages : undefined,
    );
    return answer(request, reply, {
      stream: body.stream === true,
      complete: (context) => options.backend.complete(body, context),
      events: (context) => options.backend.stream(body, context),
      isToken: carriesToken,
    });
  });

  const responses = options.backend.responses;
  if (responses) {
    registerResponsesRoutes(
      app,
      responses,
      (request, reply, body) => {
        request.bridge.recordRequest(
          body.model ?? '',
          body.stream === true,
          options.logPrompts ? body.input : undefined,
        );
        return answer(request, reply, {
          stream: body.stream === true,
          complete: (context) => responses.create(body, context),
          events: (context) => responses.stream(body, context),
          isToken: carriesResponseToken,
          isFailureEvent: isResponseFailure,
        });
      },
      sendError,
    );
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
