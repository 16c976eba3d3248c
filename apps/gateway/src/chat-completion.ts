/**
 * The recipe: an OpenAI chat request in, an OpenAI answer out, Bedrock in between.
 *
 *   resolve the model (models) -> its capabilities (models) -> Converse input (format)
 *   -> the rules format has no option for (check-model-rules) -> send (transport)
 *   -> OpenAI answer or chunk stream (format)
 *
 * Everything else in this app (HTTP, auth, logs, image fetching, the CLI) is around it.
 */
import {
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type DroppableParam,
  fromConverseOutput,
  fromConverseStream,
  type ToConverseInputOptions,
  toConverseInput,
} from '@bedrock-bridge/format';
import {
  type DiscoveredModel,
  type ModelCapabilities,
  resolveModelId,
  type SamplingParam,
} from '@bedrock-bridge/models';
import { type CallOptions, synthesizeStream, type Transport } from '@bedrock-bridge/transport';
import { assertChatModel } from './check-model-kind.js';
import { checkModelRules } from './check-model-rules.js';

/** What the conversion left out or adjusted: the client is told (nothing is altered silently). */
export interface ConversionNotes {
  /** Request fields not sent, e.g. `top_p` for a model that rejects it (format's `dropped`). */
  dropped: string[];
  /** Other adjustments (format's `warnings`, and the app's own, e.g. ignored cache markers). */
  warnings: string[];
}

/** What one call needs besides the request. */
export interface ChatCompletionContext extends CallOptions {
  transport: Transport;
  /** The caller's AWS region: decides which inference profile a profile-only model goes through. */
  region: string;
  /** `discoverModels` output for the region; without it, the built-in tables decide. */
  discovered?: readonly DiscoveredModel[] | undefined;
  /** Bytes of remote `image_url`s, fetched beforehand (format does no I/O). */
  imageBytes?: ReadonlyMap<string, Uint8Array>;
  /** Called before anything is sent upstream, when the conversion dropped or adjusted something. */
  onNotes?: (notes: ConversionNotes) => void;
}

/** Sampling parameters as `models` names them -> the OpenAI fields `format` can drop. */
const OPENAI_PARAM: Record<SamplingParam, DroppableParam | undefined> = {
  temperature: 'temperature',
  topP: 'top_p',
  stopSequences: 'stop',
  topK: undefined, // no OpenAI field
};

/** Capability facts (models) -> conversion options (format), for this request. */
export function formatOptions(
  modelId: string,
  caps: ModelCapabilities,
  request?: Pick<ChatCompletionRequest, 'reasoning_effort'>,
): ToConverseInputOptions {
  const reasoningOn = request?.reasoning_effort != null && request.reasoning_effort !== 'none';
  const rejected = [...caps.rejectedParams, ...(reasoningOn ? caps.rejectedWithReasoning : [])];
  return {
    modelId,
    supportsToolUse: caps.toolUse,
    supportsPrefill: caps.supportsPrefill,
    reasoning:
      caps.reasoning === 'openai-reasoning-effort'
        ? 'passthrough'
        : caps.reasoning === 'always'
          ? 'none'
          : caps.reasoning === 'anthropic-thinking' && caps.adaptiveThinking
            ? 'anthropic-adaptive' // budgets are deprecated on Claude 4.6
            : caps.reasoning,
    ...(caps.adaptiveEfforts.length > 0 ? { adaptiveEfforts: caps.adaptiveEfforts } : {}),
    // No automatic cache points (so no `ttl`): explicit markers' TTLs are checked against `ttls`.
    promptCaching: caps.promptCaching
      ? {
          locations: caps.promptCaching.locations,
          maxCachePoints: caps.promptCaching.maxCachePoints,
        }
      : false,
    structuredOutput: caps.nativeStructuredOutput ? 'output-config' : 'tool',
    maxTemperature: caps.maxTemperature,
    rejectedParams: [...new Set(rejected.flatMap((p) => OPENAI_PARAM[p] ?? []))],
    // Only a known model's limit: the conservative default of an unknown one would refuse
    // requests Bedrock accepts.
    ...(caps.known ? { maxOutputTokens: caps.maxOutputTokens } : {}),
  };
}

function prepare(request: ChatCompletionRequest, context: ChatCompletionContext) {
  const resolved = resolveModelId(request.model, context);
  const caps = resolved.capabilities;
  assertChatModel(request.model, caps);
  const options = formatOptions(resolved.modelId, caps, request);
  if (context.imageBytes) options.imageBytes = context.imageBytes;
  const converted = toConverseInput(request, options);
  // exclusiveParams, forcedToolChoice, cache TTLs: facts format takes no option for.
  const warnings = [...converted.warnings, ...checkModelRules(request, converted, caps)];
  if (converted.dropped.length > 0 || warnings.length > 0) {
    context.onNotes?.({ dropped: converted.dropped, warnings });
  }
  return { input: converted.input, answer: converted.answer, capabilities: caps };
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
