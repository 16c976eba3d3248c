import type { ResponsesRequest } from '@bedrock-bridge/format/responses';
import type {
  BackendCallOptions,
  OpenAIBackend,
  ResponsesBackend,
  ValidatedChatRequest,
} from '@bedrock-bridge/openai';
import type { TransportEvent } from '@bedrock-bridge/transport';
import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { TokenUsage } from './gateway-metrics.js';
import { modelLabel } from './gateway-metrics.js';
import type { CallUsageSinks } from './observed-transport.js';
import { watchedStream } from './watched-stream.js';

/** Looked up per request: an SDK started after this module loaded is still found. */
const tracer = () => trace.getTracer('@bedrock-bridge/gateway');

/** Kind of a failure, never its message (a message may quote the request). */
function kindOf(err: unknown): string {
  const kind = (err as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'unknown';
}

/** The span attributes of an event, without its free-text `message`. */
function eventAttributes(event: TransportEvent): Record<string, string | number> {
  const out: Record<string, string | number> = { 'bedrock_bridge.attempt': event.attempt };
  if (event.upstream !== undefined) out['bedrock_bridge.upstream'] = event.upstream;
  for (const key of [
    'reason',
    'delayMs',
    'delaySource',
    'from',
    'to',
    'cooldownMs',
    'phase',
    'limitMs',
  ]) {
    const value = (event as unknown as Record<string, unknown>)[key];
    if (typeof value === 'string' || typeof value === 'number')
      out[`bedrock_bridge.${key}`] = value;
  }
  return out;
}

/** One request's span and its attempts' child spans. */
class RequestTrace {
  readonly span: Span;
  #attempt: Span | undefined;

  readonly #usage: CallUsageSinks | undefined;
  /** The call whose usage this trace listens to (`wrap`), and its sink: removed at `end`. */
  #listening: { signal: AbortSignal; sink: (usage: TokenUsage) => void } | undefined;

  constructor(request: ValidatedChatRequest, stream: boolean, usage?: CallUsageSinks) {
    this.#usage = usage;
    const model = modelLabel(request.model);
    this.span = tracer().startSpan(`chat ${model}`, {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'aws.bedrock',
        'gen_ai.provider.name': 'aws.bedrock',
        'gen_ai.request.model': model,
        'bedrock_bridge.stream': stream,
        ...(typeof request.max_completion_tokens === 'number'
          ? { 'gen_ai.request.max_tokens': request.max_completion_tokens }
          : typeof request.max_tokens === 'number'
            ? { 'gen_ai.request.max_tokens': request.max_tokens }
            : {}),
        ...(typeof request.temperature === 'number'
          ? { 'gen_ai.request.temperature': request.temperature }
          : {}),
        ...(typeof request.top_p === 'number' ? { 'gen_ai.request.top_p': request.top_p } : {}),
      },
    });
  }

  /** The call context the backend gets: transport events become attempt spans and events. */
  wrap(call: BackendCallOptions): BackendCallOptions {
    if (this.#usage !== undefined) {
      const sink = (usage: TokenUsage) => this.usage(usage);
      this.#listening = { signal: call.signal, sink };
      this.#usage.on(call.signal, sink);
    }
    return {
      ...call,
      onEvent: (event) => {
        this.event(event);
        call.onEvent(event);
      },
    };
  }

  event(event: TransportEvent): void {
    switch (event.type) {
      case 'attempt': {
        this.#attempt?.end();
        const parent = trace.setSpan(context.active(), this.span);
        this.#attempt = tracer().startSpan(
          `${event.operation} ${modelLabel(event.target)}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              ...eventAttributes(event),
              'gen_ai.system': 'aws.bedrock',
              'gen_ai.request.model': modelLabel(event.target),
              'cloud.region': event.region,
              'network.protocol.name': event.protocol,
            },
          },
          parent,
        );
        return;
      }
      case 'evict':
      case 'timeout':
      case 'fallback':
        (this.#attempt ?? this.span).addEvent(event.type, eventAttributes(event));
        return;
      case 'retry':
      case 'failover':
      case 'cooldown':
        this.span.addEvent(event.type, eventAttributes(event));
        return;
      case 'success':
        this.#attempt?.setStatus({ code: SpanStatusCode.OK });
        this.#attempt?.end();
        this.#attempt = undefined;
        return;
      case 'error':
        this.#attempt?.setAttribute('error.type', event.kind);
        this.#attempt?.setStatus({ code: SpanStatusCode.ERROR, message: event.kind });
        this.#attempt?.end();
        this.#attempt = undefined;
        return;
      default: {
        const never: never = event;
        throw new Error(`unhandled transport event ${String(never)}`);
      }
    }
  }

  usage(usage: TokenUsage): void {
    const set = (key: string, n: number | undefined) => {
      if (typeof n === 'number') this.span.setAttribute(key, n);
    };
    set('gen_ai.usage.input_tokens', usage.inputTokens);
    set('gen_ai.usage.output_tokens', usage.outputTokens);
    set('gen_ai.usage.cache_read.input_tokens', usage.cacheReadInputTokens);
    set('gen_ai.usage.cache_creation.input_tokens', usage.cacheWriteInputTokens);
  }

  answer(answer: object): void {
    const a = answer as { id?: unknown; choices?: Array<{ finish_reason?: unknown }> };
    if (typeof a.id === 'string') this.span.setAttribute('gen_ai.response.id', a.id);
    const reasons = (a.choices ?? [])
      .map((c) => c.finish_reason)
      .filter((r): r is string => typeof r === 'string');
    if (reasons.length > 0) this.span.setAttribute('gen_ai.response.finish_reasons', reasons);
  }

  fail(err: unknown): void {
    const kind = kindOf(err);
    this.span.setAttribute('error.type', kind);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message: kind });
  }

  end(): void {
    if (this.#listening !== undefined) {
      this.#usage?.off(this.#listening.signal, this.#listening.sink);
      this.#listening = undefined;
    }
    this.#attempt?.end();
    this.span.end();
  }

  /** Runs a whole (unstreamed) call inside this trace: its answer or failure, then the end. */
  async around<T extends object>(work: () => Promise<T>): Promise<T> {
    try {
      const answer = await work();
      this.answer(answer);
      return answer;
    } catch (err) {
      this.fail(err);
      throw err;
    } finally {
      this.end();
    }
  }
}

/**
 * The backend with OpenTelemetry spans (through `@opentelemetry/api`: without an SDK registered
 * every call is a no-op). One `chat {model}` span per request with the GenAI semantic
 * conventions, a child span per upstream attempt, and retries, evictions, failovers and
 * cool-downs as span events; one `embeddings {model}` span per embeddings request. No prompt,
 * answer text or error message is recorded. Token usage reaches a call's span through `usage`
 * (the sinks the observed transport reports to); without it spans carry no usage.
 */
export function tracedBackend(backend: OpenAIBackend, usage?: CallUsageSinks): OpenAIBackend {
  return {
    ...backend,
    async embed(request, call) {
      const model = modelLabel(request.model);
      const span = tracer().startSpan(`embeddings ${model}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.system': 'aws.bedrock',
          'gen_ai.provider.name': 'aws.bedrock',
          'gen_ai.request.model': model,
          ...(typeof request.dimensions === 'number'
            ? { 'gen_ai.embeddings.dimension.count': request.dimensions }
            : {}),
        },
      });
      try {
        const list = await backend.embed(request, call);
        span.setAttribute('gen_ai.usage.input_tokens', list.usage.prompt_tokens);
        return list;
      } catch (err) {
        span.setAttribute('error.type', kindOf(err));
        span.setStatus({ code: SpanStatusCode.ERROR, message: kindOf(err) });
        throw err;
      } finally {
        span.end();
      }
    },
    async complete(request, call) {
      const t = new RequestTrace(request, false, usage);
      return t.around(() => backend.complete(request, t.wrap(call)));
    },
    stream(request, call) {
      return watchedStream(() => {
        const t = new RequestTrace(request, true, usage);
        const reasons: string[] = [];
        return {
          source: () => backend.stream(request, t.wrap(call)),
          event: (chunk) => {
            const c = chunk as { id?: unknown; choices?: Array<{ finish_reason?: unknown }> };
            if (typeof c.id === 'string' && reasons.length === 0) {
              t.span.setAttribute('gen_ai.response.id', c.id);
            }
            for (const choice of c.choices ?? []) {
              if (typeof choice.finish_reason === 'string') reasons.push(choice.finish_reason);
            }
          },
          end: () => {
            if (reasons.length > 0) t.span.setAttribute('gen_ai.response.finish_reasons', reasons);
          },
          fail: (err) => t.fail(err),
          close: () => t.end(),
        };
      });
    },
    listModels: (signal) => backend.listModels(signal),
    ...(backend.responses ? { responses: tracedResponses(backend.responses, usage) } : {}),
  };
}

/** The chat-request fields a span records, from a Responses request. */
function spanFields(request: ResponsesRequest): ValidatedChatRequest {
  return {
    model: request.model ?? '',
    messages: [],
    ...(typeof request.max_output_tokens === 'number'
      ? { max_completion_tokens: request.max_output_tokens }
      : {}),
    ...(typeof request.temperature === 'number' ? { temperature: request.temperature } : {}),
    ...(typeof request.top_p === 'number' ? { top_p: request.top_p } : {}),
  };
}

/** `/v1/responses` calls get the same `chat {model}` span as chat completions. */
function tracedResponses(responses: ResponsesBackend, usage?: CallUsageSinks): ResponsesBackend {
  return {
    ...responses,
    async create(request, call) {
      const t = new RequestTrace(spanFields(request), false, usage);
      return t.around(() => responses.create(request, t.wrap(call)));
    },
    stream(request, call) {
      return watchedStream(() => {
        const t = new RequestTrace(spanFields(request), true, usage);
        return {
          source: () => responses.stream(request, t.wrap(call)),
          event: (event) => {
            const e = event as { type?: unknown; response?: { id?: unknown } };
            if (e.type === 'response.created' && typeof e.response?.id === 'string') {
              t.span.setAttribute('gen_ai.response.id', e.response.id);
            }
          },
          fail: (err) => t.fail(err),
          close: () => t.end(),
        };
      });
    },
  };
}
