/**
 * The recipe: an OpenAI chat request in, an OpenAI answer out, Bedrock in between.
 *
 *   resolve the model (models) -> its capabilities (models) -> Converse input (format)
 *   -> send (transport) -> OpenAI answer or chunk stream (format)
 *
 * Everything else in this app (HTTP, auth, logs, image fetching, the CLI) is around it.
 */
import {
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  fromConverseOutput,
  fromConverseStream,
  type ToConverseInputOptions,
  toConverseInput,
} from '@bedrock-bridge/format';
import {
  type DiscoveredModel,
  type ModelCapabilities,
  resolveModelId,
} from '@bedrock-bridge/models';
import { type CallOptions, synthesizeStream, type Transport } from '@bedrock-bridge/transport';

/** What one call needs besides the request. */
export interface ChatCompletionContext extends CallOptions {
  transport: Transport;
  /** The caller's AWS region: decides which inference profile a profile-only model goes through. */
  region: string;
  /** `discoverModels` output for the region; without it, the built-in tables decide. */
  discovered?: readonly DiscoveredModel[] | undefined;
  /** Bytes of remote `image_url`s, fetched beforehand (format does no I/O). */
  imageBytes?: ReadonlyMap<string, Uint8Array>;
}

/** Capability facts (models) -> conversion options (format). */
export function formatOptions(modelId: string, caps: ModelCapabilities): ToConverseInputOptions {
  return {
    modelId,
    supportsToolUse: caps.toolUse,
    supportsPrefill: caps.supportsPrefill,
    reasoning:
      caps.reasoning === 'openai-reasoning-effort'
        ? 'passthrough'
        : caps.reasoning === 'always'
          ? 'none'
          : caps.reasoning,
    promptCaching: caps.promptCaching
      ? {
          locations: caps.promptCaching.locations,
          maxCachePoints: caps.promptCaching.maxCachePoints,
        }
      : false,
    rejectedParams: caps.rejectedParams.flatMap((p) =>
      p === 'temperature'
        ? ['temperature']
        : p === 'topP'
          ? ['top_p']
          : p === 'stopSequences'
            ? ['stop']
            : [],
    ),
  };
}

function prepare(request: ChatCompletionRequest, context: ChatCompletionContext) {
  const resolved = resolveModelId(request.model, context);
  const options = formatOptions(resolved.modelId, resolved.capabilities);
  if (context.imageBytes) options.imageBytes = context.imageBytes;
  const { input, answer } = toConverseInput(request, options);
  return { input, answer, capabilities: resolved.capabilities };
}

/** A whole `chat.completion`. */
export async function chatCompletion(
  request: ChatCompletionRequest,
  context: ChatCompletionContext,
): Promise<ChatCompletion> {
  const { input, answer } = prepare(request, context);
  const output = await context.transport.converse(input, context);
  return fromConverseOutput(output, { model: request.model, ...answer });
}

/** `chat.completion.chunk`s as they arrive; the call starts when iteration starts. */
export async function* chatCompletionStream(
  request: ChatCompletionRequest,
  context: ChatCompletionContext,
): AsyncIterable<ChatCompletionChunk> {
  const { input, answer, capabilities } = prepare(request, context);
  // Some models take tools only without streaming: ask Converse, replay its answer as events.
  const events =
    input.toolConfig && !capabilities.streamingToolUse
      ? (async function* () {
          yield* synthesizeStream(await context.transport.converse(input, context));
        })()
      : context.transport.converseStream(input, context);
  yield* fromConverseStream(events, { model: request.model, ...answer });
}
