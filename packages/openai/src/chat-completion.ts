/**
 * The recipe: an OpenAI chat request in, an OpenAI answer out, Bedrock in between.
 *
 *   resolve the model and its rules, once (models) -> reasoning of earlier tool calls put
 *   back (reasoning memory) -> Converse input, the rules applied
 *   under the gateway's parameter policy (format) -> send (transport)
 *   -> OpenAI answer or chunk stream (format) -> its reasoning remembered
 *
 * Everything else in this app (HTTP, auth, logs, image fetching, the CLI) is around it.
 */

import {
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  collectChatCompletion,
  fromConverseOutput,
  fromConverseStream,
  type ParamPolicy,
  type ToConverseInputOptions,
  toConverseInput,
} from '@bedrock-bridge/format';
import { type DiscoveredModel, type ResolvedModelId, resolveModelId } from '@bedrock-bridge/models';
import { type CallOptions, synthesizeStream, type Transport } from '@bedrock-bridge/transport';
import { assertChatModel } from './check-model-task.js';
import type { ModelResolver } from './model-resolver.js';
import { openLazily } from './open-lazily.js';
import type { ReasoningMemory } from './reasoning-memory.js';

/** What the conversion left out or adjusted: the client is told (nothing is altered silently). */
export interface ConversionNotes {
  /** Request fields not sent, e.g. `top_p` for a model that rejects it (format's `dropped`). */
  dropped: string[];
  /** Other adjustments and repairs (format's `warnings`, and the app's own, e.g. thinking off). */
  warnings: string[];
}

/** What one call needs besides the request. */
export interface ChatCompletionOptions extends CallOptions {
  transport: Transport;
  /** The caller's AWS region: decides which inference profile a profile-only model goes through. */
  region: string;
  /** `discoverModels` output for the region; without it, the built-in tables decide. */
  discovered?: readonly DiscoveredModel[] | undefined;
  /**
   * How `model` is resolved. Default `resolveModelId` on every call; `createBackend` passes its own
   * `createModelResolver()`, which remembers each answer per discovered list.
   */
  resolveModel?: ModelResolver;
  /** Bytes of remote `image_url`s, fetched beforehand (format does no I/O). */
  imageBytes?: ReadonlyMap<string, Uint8Array>;
  /** Called before anything is sent upstream, when the conversion dropped or adjusted something. */
  onNotes?: (notes: ConversionNotes) => void;
  /**
   * What to do with a field the model cannot take as sent: `'drop'` (leave it out or clamp it,
   * named in the notes) or `'reject'` (a 400 naming it). Default `'drop'`.
   */
  paramPolicy?: ParamPolicy;
  /**
   * Where the reasoning that came with tool calls is kept, so a stock client's tool loop keeps
   * thinking on (see `reasoning-memory.ts`). Default: none (a turn without its reasoning then
   * turns thinking off for that request, with a note).
   */
  reasoningMemory?: ReasoningMemory;
}

/**
 * Thinking on and a final tool-call turn without its reasoning: Claude rejects that. The
 * remembered reasoning is put back; when it is unknown, this request goes without thinking.
 */
async function withReasoning(
  request: ChatCompletionRequest,
  context: ChatCompletionOptions,
  resolved: ResolvedModelId,
): Promise<{ request: ChatCompletionRequest; notes: string[] }> {
  const effort = request.reasoning_effort;
  if (effort == null || effort === 'none') return { request, notes: [] };
  if (resolved.capabilities.reasoning !== 'anthropic-thinking') return { request, notes: [] };
  const memory = context.reasoningMemory ?? NO_MEMORY;
  const restored = await memory.restore(request);
  if (restored.missing === undefined) return { request: restored.request, notes: [] };
  const { reasoning_effort: _off, ...without } = restored.request;
  return {
    request: without,
    notes: [
      `reasoning_effort: thinking was turned off for this request, because the reasoning that came with tool call ${restored.missing.join(', ')} is not known to this gateway (send back the assistant message's reasoning_details, or continue the loop while the gateway still remembers it).`,
    ],
  };
}

const NO_MEMORY: ReasoningMemory = {
  remember: async () => {},
  restore: async (request) => {
    const last = [...request.messages].reverse().find((m) => m.role === 'assistant');
    const calls = last?.role === 'assistant' ? (last.tool_calls ?? []) : [];
    const bare =
      calls.length > 0 && (last?.role !== 'assistant' || !last.reasoning_details?.length);
    return bare
      ? { request, restored: 0, missing: calls.map((c) => c.id) }
      : { request, restored: 0 };
  },
};

/** The model resolved (models, through the caller's resolver), checked to be a chat model. */
function resolveChatModel(request: ChatCompletionRequest, context: ChatCompletionOptions) {
  const resolved = (context.resolveModel ?? resolveModelId)(request.model, context);
  assertChatModel(request.model, resolved.capabilities);
  return resolved;
}

function prepare(
  request: ChatCompletionRequest,
  context: ChatCompletionOptions,
  resolved: ResolvedModelId,
  notes: readonly string[],
) {
  const caps = resolved.capabilities;
  // The model's rules go to format as they are: format applies each of them, once, under the
  // policy the gateway chose.
  const options: ToConverseInputOptions = {
    modelId: resolved.modelId,
    rules: caps,
    paramPolicy: context.paramPolicy ?? 'drop',
  };
  if (context.imageBytes) options.imageBytes = context.imageBytes;
  const converted = toConverseInput(request, options);
  const warnings = [...notes, ...converted.warnings];
  if (converted.dropped.length > 0 || warnings.length > 0) {
    context.onNotes?.({ dropped: converted.dropped, warnings });
  }
  return { input: converted.input, answer: converted.answer, capabilities: caps };
}

/** A whole `chat.completion`. */
export async function chatCompletion(
  request: ChatCompletionRequest,
  context: ChatCompletionOptions,
): Promise<ChatCompletion> {
  const resolved = resolveChatModel(request, context);
  const ready = await withReasoning(request, context, resolved);
  const { input, answer } = prepare(ready.request, context, resolved, ready.notes);
  const output = await context.transport.converse(input, context);
  const completion = fromConverseOutput(output, { model: request.model, ...answer });
  for (const choice of completion.choices) await context.reasoningMemory?.remember(choice.message);
  return completion;
}

/** `chat.completion.chunk`s as they arrive; the call starts when iteration starts. */
export function chatCompletionStream(
  request: ChatCompletionRequest,
  context: ChatCompletionOptions,
): AsyncIterable<ChatCompletionChunk> {
  // Nothing runs before the first read; then the chunks are read directly (no generator layer
  // per event) unless the reasoning must be remembered.
  return openLazily(async () => {
    const resolved = resolveChatModel(request, context);
    const ready = await withReasoning(request, context, resolved);
    const { input, answer, capabilities } = prepare(ready.request, context, resolved, ready.notes);
    // Some models take tools only without streaming: ask Converse, replay its answer as events.
    const events =
      input.toolConfig && !capabilities.streamingToolUse
        ? (async function* () {
            yield* synthesizeStream(await context.transport.converse(input, context));
          })()
        : context.transport.converseStream(input, context);
    const chunks = fromConverseStream(events, { model: request.model, ...answer });
    const memory = context.reasoningMemory;
    return memory === undefined ? chunks : rememberingReasoning(chunks, memory);
  });
}

/**
 * Whether a chunk carries something the reasoning memory reads (reasoning details or tool
 * calls). Only those are kept until the finish: a long text answer holds none of its chunks.
 */
export function feedsReasoningMemory(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.some(
    (c) => (c.delta?.reasoning_details?.length ?? 0) > 0 || (c.delta?.tool_calls?.length ?? 0) > 0,
  );
}

/**
 * Passes the chunks on; the reasoning is remembered before the client sees the answer end. A
 * direct iterator, not an async generator: each chunk costs one promise reaction, and only the
 * finish chunk of an answer that fed the memory waits for it.
 */
export function rememberingReasoning(
  chunks: AsyncIterable<ChatCompletionChunk>,
  memory: NonNullable<ChatCompletionOptions['reasoningMemory']>,
): AsyncIterable<ChatCompletionChunk> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
      const source = chunks[Symbol.asyncIterator]();
      const kept: ChatCompletionChunk[] = [];
      const remember = async (): Promise<void> => {
        const whole = await collectChatCompletion(kept);
        for (const choice of whole.choices) await memory.remember(choice.message);
      };
      const pass = (
        next: IteratorResult<ChatCompletionChunk>,
      ): IteratorResult<ChatCompletionChunk> | Promise<IteratorResult<ChatCompletionChunk>> => {
        if (next.done === true) return next;
        const chunk = next.value;
        if (feedsReasoningMemory(chunk)) kept.push(chunk);
        if (kept.length > 0 && chunk.choices.some((c) => c.finish_reason != null)) {
          // A memory that fails ends the stream as a throw in a `for await` body did: the source
          // is closed first (the upstream call released), then the memory's error thrown.
          return remember().then(
            () => next,
            (err: unknown) => {
              const thrown = (): never => {
                throw err;
              };
              return Promise.resolve(source.return?.()).then(thrown, thrown);
            },
          );
        }
        return next;
      };
      const iterator: AsyncIterator<ChatCompletionChunk> = {
        next: () => source.next().then(pass),
        return: async () => {
          await source.return?.();
          return { done: true, value: undefined };
        },
      };
      return iterator;
    },
  };
}
