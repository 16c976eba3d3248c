import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { BedrockBridgeError, toBedrockBridgeError } from '@bedrock-bridge/errors';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { ConversionNotes } from '../chat-completion.js';
import { answerEmbeddings } from './answer-embeddings.js';
import { checkApiKey } from './check-api-key.js';
import type { GatewayBackend } from './gateway-backend.js';
import {
  gatewayError,
  type OpenAIErrorResponse,
  openAIErrorFromBridgeError,
} from './openai-error.js';
import {
  jsonLineLogger,
  levelForStatus,
  type RequestLogEntry,
  type RequestLogger,
} from './request-log.js';
import { validateChatRequest } from './validate-chat-request.js';
import { WARNINGS_HEADER, warningsHeader } from './warnings-header.js';
import { SSE_HEADERS, writeSse } from './write-sse.js';

/** Options of `createServer`. */
export interface ServerOptions {
  /** The composition behind the routes. */
  backend: GatewayBackend;
  /**
   * Key clients must send as `Authorization: Bearer <key>`. Default: none (no auth).
   * CLI `--api-key`, env `BEDROCK_BRIDGE_API_KEY`.
   */
  apiKey?: string;
  /** Largest request body in bytes. Default 20 MiB (images travel as data URLs). CLI `--body-limit`. */
  bodyLimit?: number;
  /** Where request log lines go. Default: one JSON line per request on stdout. */
  log?: RequestLogger | false;
  /** Put the request's messages in the log line. Default false. CLI `--log-prompts`. */
  logPrompts?: boolean;
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

interface RequestState {
  start: number;
  attempts: number;
  model?: string;
  stream?: boolean;
  chunks?: number;
  ttftMs?: number;
  /** `x-bedrock-bridge-warnings`, when the conversion dropped or adjusted something. */
  warningsHeader?: string;
  dropped?: string[];
  warnings?: string[];
  errorKind?: string;
  error?: string;
  /** The status the failure maps to, also when it was reported inside a 200 event stream. */
  errorStatus?: number;
  clientGone?: boolean;
  /** The handler is still running: a connection closed early logs once it has settled. */
  inHandler?: boolean;
  logWhenSettled?: boolean;
  messages?: unknown;
  status?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    bridge: RequestState;
  }
}

/** A chunk with answer text, reasoning or a tool call (not only the role or the finish). */
function carriesToken(chunk: object): boolean {
  const delta = (chunk as { choices?: { delta?: Record<string, unknown> }[] }).choices?.[0]?.delta;
  return Boolean(delta?.content || delta?.tool_calls || delta?.reasoning_content);
}

function toErrorResponse(err: unknown): OpenAIErrorResponse {
  const fastifyCode = (err as { code?: unknown }).code;
  const status = (err as { statusCode?: unknown }).statusCode;
  if (!BedrockBridgeError.is(err) && typeof fastifyCode === 'string') {
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

/** Builds the OpenAI-compatible HTTP server: chat completions, models, health. */
export function createServer(options: ServerOptions): Gateway {
  const log = options.log === false ? undefined : (options.log ?? jsonLineLogger);
  const authorize = options.apiKey ? checkApiKey(options.apiKey) : undefined;
  const active = new Set<AbortController>();
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 20 * 1024 * 1024,
    genReqId: () => `req_${randomUUID().replaceAll('-', '')}`,
    return503OnClosing: true,
  });

  // JSON only: a text/plain body is a 415 with a clear message, not a confusing 400.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('bridge', undefined as unknown as RequestState);
  app.addHook('onRequest', async (request, reply) => {
    request.bridge = { start: performance.now(), attempts: 0 };
    reply.header('x-request-id', request.id);
    if (log) {
      // A client that leaves early closes the socket before the handler has decided the
      // outcome: that line waits for the handler (and the error handler) to settle.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) request.bridge.clientGone = true;
        if (request.bridge.inHandler) request.bridge.logWhenSettled = true;
        else logLine(request, reply.raw, log);
      });
    }
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

  function logLine(request: FastifyRequest, res: ServerResponse, log: RequestLogger): void {
    const s = request.bridge;
    const status = s.status ?? res.statusCode;
    const entry: RequestLogEntry = {
      time: new Date().toISOString(),
      level: levelForStatus(s.errorStatus ?? status),
      msg: 'request',
      id: request.id,
      method: request.method,
      path: request.url.split('?')[0] ?? request.url,
      status,
      latencyMs: Math.round(performance.now() - s.start),
      attempts: s.attempts,
    };
    if (s.model !== undefined) entry.model = s.model;
    if (s.stream !== undefined) entry.stream = s.stream;
    if (s.chunks !== undefined) entry.chunks = s.chunks;
    if (s.ttftMs !== undefined) entry.ttftMs = s.ttftMs;
    if (s.dropped?.length) entry.dropped = s.dropped;
    if (s.warnings?.length) entry.warnings = s.warnings;
    if (s.errorKind !== undefined) entry.errorKind = s.errorKind;
    if (s.error !== undefined) entry.error = s.error;
    if (s.clientGone || !res.writableFinished) entry.clientGone = true;
    if (options.logPrompts && s.messages !== undefined) entry.messages = s.messages;
    log(entry);
  }

  function sendError(
    reply: import('fastify').FastifyReply,
    request: FastifyRequest,
    failure: OpenAIErrorResponse,
  ) {
    request.bridge.errorKind = failure.kind;
    request.bridge.error = failure.body.error.message;
    request.bridge.errorStatus = failure.status;
    return reply.code(failure.status).headers(failure.headers).send(failure.body);
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

  app.post('/v1/chat/completions', async (request, reply) => {
    const state = request.bridge;
    const body = validateChatRequest(request.body);
    state.model = body.model;
    state.stream = body.stream === true;
    if (options.logPrompts) state.messages = body.messages;

    const controller = new AbortController();
    const res = reply.raw;
    const onClose = () => {
      if (!res.writableFinished) {
        controller.abort(
          new BedrockBridgeError({ kind: 'aborted', message: 'The client closed the connection.' }),
        );
      }
    };
    res.once('close', onClose);
    active.add(controller);
    const context = {
      signal: controller.signal,
      onEvent: (event: { type: string }) => {
        if (event.type === 'attempt') state.attempts += 1;
      },
      onNotes: (notes: ConversionNotes) => {
        state.dropped = notes.dropped;
        state.warnings = notes.warnings;
        state.warningsHeader = warningsHeader(notes);
        reply.header(WARNINGS_HEADER, state.warningsHeader);
      },
    };
    // When we cancelled (shutdown, client gone), say why rather than "aborted".
    const why = (err: unknown) =>
      controller.signal.aborted && BedrockBridgeError.is(controller.signal.reason)
        ? controller.signal.reason
        : err;
    state.inHandler = true;
    try {
      if (!body.stream) {
        try {
          return await options.backend.complete(body, context);
        } catch (err) {
          throw why(err);
        }
      }
      const chunks = options.backend.stream(body, context)[Symbol.asyncIterator]();
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
      const outcome = await writeSse(
        res,
        first,
        chunks,
        (err) => toErrorResponse(why(err)).body,
        carriesToken,
      );
      state.chunks = outcome.chunks;
      if (outcome.firstTokenAt !== undefined) {
        state.ttftMs = Math.round((outcome.firstTokenAt - state.start) * 100) / 100;
      }
      if (!outcome.ok) {
        const failure = toErrorResponse(why(outcome.error));
        state.errorKind = failure.kind;
        state.error = failure.body.error.message;
        state.errorStatus = failure.status;
        state.clientGone = outcome.clientGone;
      }
      return reply;
    } finally {
      active.delete(controller);
      res.off('close', onClose);
      state.inHandler = false;
      // After the error handler has recorded a thrown failure (it runs before this turns).
      if (state.logWhenSettled && log) setImmediate(() => logLine(request, res, log));
    }
  });

  return {
    app,
    get inFlight() {
      return active.size;
    },
    async listen(port = 0, host = '127.0.0.1') {
      await app.listen({ port, host });
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      const h = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${h}:${address.port}`;
    },
    async close(deadlineMs = 10_000) {
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
