import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { listRemoteImages, type RemoteImage } from '@bedrock-bridge/format';
import {
  type DiscoveredModel,
  DiscoveryCache,
  discoverModels,
  EMBEDDING_MODELS,
  type EmbeddingModelFacts,
} from '@bedrock-bridge/models';
import type { Transport } from '@bedrock-bridge/transport';
import { chatCompletion, chatCompletionStream } from './chat-completion.js';
import { createEmbeddings } from './embeddings.js';
import { choiceCount, mergeCompletions, mergeStreams, singleChoice } from './fan-out-choices.js';
import { createRemoteImageFetcher, type RemoteImageOptions } from './fetch-remote-image.js';
import { createModelResolver } from './model-resolver.js';
import { openLazily } from './open-lazily.js';
import type { BackendCallOptions, OpenAIBackend, OpenAIModel } from './openai-backend.js';
import { createReasoningMemory } from './reasoning-memory.js';
import { createResponsesBackend } from './responses/responses-backend.js';
import type { KeyValueStore } from './store/key-value-store.js';
import { MemoryStore } from './store/memory-store.js';

/** Options of `createBackend`. */
export interface BackendOptions {
  /** Fetch remote image URLs (allowlisted hosts only). Default: off (remote URLs are a 400). */
  fetchImages?: RemoteImageOptions;
  /** How long a model discovery stays fresh. Default 10 minutes. */
  discoveryTtlMs?: number;
  /**
   * How long a chat request waits for a model discovery under way (the first one, or a refresh
   * after the TTL) before it goes on without: with the last list discovered, else the built-in
   * tables. The discovery goes on in the background. Default 2000.
   */
  discoveryWaitMs?: number;
  /**
   * What the gateway remembers between requests (stored Responses, the reasoning key).
   * Default: a `MemoryStore` (lost on restart). `serve --store PATH` uses a `SqliteStore`.
   */
  store?: KeyValueStore;
  /**
   * The 32-byte key that seals reasoning into `encrypted_content`. Default: one made once and
   * kept in `store`. CLI `--reasoning-key`, env `BEDROCK_BRIDGE_REASONING_KEY`.
   */
  reasoningKey?: Uint8Array;
  /** How long a stored response is kept. Default 30 days. */
  responseTtlMs?: number;
  /** InvokeModel calls one embeddings request makes at once (Titan: one call per text). Default 8. */
  embeddingConcurrency?: number;
  /**
   * Where the reasoning returned with tool calls is kept, so thinking survives a stock client's
   * tool loop (see `reasoning-memory.ts`). Default: `store`, else an in-process `MemoryStore`.
   */
  reasoningStore?: KeyValueStore;
  /** How long that reasoning is kept. Default 1 hour. */
  reasoningTtlMs?: number;
}

/**
 * An unknown model's 404 names the model and where the list is (Bedrock says only "The provided
 * model identifier is invalid.").
 */
function namingTheModel(err: unknown, model: string): unknown {
  if (!BedrockBridgeError.is(err) || err.kind !== 'model_not_found') return err;
  return new BedrockBridgeError({
    kind: 'model_not_found',
    code: 'model_not_found',
    param: 'model',
    status: 404,
    message: `The model '${model}' does not exist or you do not have access to it. GET /v1/models lists the models this gateway serves.`,
    cause: err,
  });
}

/** What the backend calls Bedrock through. */
export interface BackendStack {
  /** The transport every call goes through (`createTransport` or a router). */
  transport: Transport;
  /** The AWS region: decides which inference profile a profile-only model goes through. */
  region: string;
}

/** The backend: discovery (cached), remote images, then the recipe. */
export function createBackend(
  stack: BackendStack,
  options: BackendOptions = {},
): OpenAIBackend & {
  /** The discovered models, or `undefined` when discovery is unavailable (offline resolution). */
  discovered(): Promise<readonly DiscoveredModel[] | undefined>;
} {
  const fetchImage = options.fetchImages
    ? createRemoteImageFetcher(options.fetchImages)
    : undefined;
  const ttlMs = options.discoveryTtlMs ?? 10 * 60_000;
  // The backend owns its discovery cache (lists per TTL, one request in flight); after a failure
  // with no list at all (e.g. no permission for the control plane) we stop asking for a minute
  // and resolve offline.
  const cache = new DiscoveryCache();
  let failedAt = Number.NEGATIVE_INFINITY;

  function discover(): Promise<readonly DiscoveredModel[]> {
    return discoverModels({ transport: stack.transport, region: stack.region, ttlMs, cache });
  }

  const waitMs = options.discoveryWaitMs ?? 2_000;
  // The last list discovered: what a request uses while a slow refresh is under way.
  let lastGood: readonly DiscoveredModel[] | undefined;

  // Until then `lastGood` is the list the discovery cache would answer with, so a chat request
  // takes it without asking (no timer, no race). Set only when a discovery brought a new list:
  // fetched after `started`, so the cache keeps it at least as long.
  let freshUntil = Number.NEGATIVE_INFINITY;

  async function discoveredOrOffline(): Promise<readonly DiscoveredModel[] | undefined> {
    const started = performance.now();
    if (started - failedAt < 60_000 || started < freshUntil) return lastGood;
    const discovery = discover().then(
      (models) => {
        if (models !== lastGood) freshUntil = started + ttlMs;
        lastGood = models;
        return models;
      },
      () => {
        failedAt = performance.now();
        return lastGood;
      },
    );
    // A control plane that is slow or silent must not hold chat requests: past `waitMs` they go
    // on with what is known, and the discovery finishes (or fails) on its own.
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    try {
      return (await Promise.race([discovery, waited])) ?? lastGood;
    } finally {
      clearTimeout(timer);
    }
  }

  async function imageBytes(unique: RemoteImage[], signal: AbortSignal) {
    if (unique.length === 0) return undefined;
    if (!fetchImage) {
      const first = unique[0] as RemoteImage;
      throw new BedrockBridgeError({
        kind: 'validation',
        code: 'invalid_image_url',
        param: first.param,
        message:
          'Remote image URLs are not fetched by this gateway. Send the image as a data: URL, or start the gateway with --fetch-images <allowed hosts>.',
      });
    }
    const maxImages = options.fetchImages?.maxImages ?? 20;
    const over = unique[maxImages];
    if (over !== undefined) {
      throw new BedrockBridgeError({
        kind: 'validation',
        code: 'too_many_images',
        param: over.param,
        message: `This request has ${unique.length} remote image URLs; the gateway fetches at most ${maxImages} for one request.`,
      });
    }
    const bytes = new Map<string, Uint8Array>();
    // A few at a time: a request's images must not open dozens of connections at once.
    let next = 0;
    const worker = async () => {
      for (let u = unique[next++]; u !== undefined; u = unique[next++]) {
        bytes.set(u.url, (await fetchImage(u.url, u.param, signal)).bytes);
      }
    };
    const concurrency = Math.max(1, options.fetchImages?.concurrency ?? 4);
    await Promise.all(Array.from({ length: Math.min(concurrency, unique.length) }, worker));
    return bytes;
  }

  const reasoningMemory = createReasoningMemory({
    store: options.reasoningStore ?? options.store ?? new MemoryStore(),
    ...(options.reasoningTtlMs === undefined ? {} : { ttlMs: options.reasoningTtlMs }),
  });

  const resolveModel = createModelResolver();

  async function contextFor(urls: { url: string; param: string }[], call: BackendCallOptions) {
    // Without discovery (e.g. no control-plane permission), the built-in tables decide.
    const discovered = await discoveredOrOffline();
    const bytes = await imageBytes(urls, call.signal);
    return {
      transport: stack.transport,
      region: stack.region,
      discovered,
      resolveModel,
      signal: call.signal,
      onEvent: call.onEvent,
      reasoningMemory,
      ...(call.paramPolicy ? { paramPolicy: call.paramPolicy } : {}),
      ...(call.onNotes ? { onNotes: call.onNotes } : {}),
      ...(bytes ? { imageBytes: bytes } : {}),
    };
  }

  return {
    discovered: discoveredOrOffline,
    async complete(request, call) {
      const n = choiceCount(request);
      try {
        const context = await contextFor(listRemoteImages(request), call);
        if (n === 1) return await chatCompletion(request, context);
        const one = singleChoice(request);
        const answers = await Promise.all(
          Array.from({ length: n }, () => chatCompletion(one, context)),
        );
        return mergeCompletions(answers);
      } catch (err) {
        throw namingTheModel(err, request.model);
      }
    },
    stream(request, call) {
      // Read directly once open (no generator layer per event); failures name the model.
      return openLazily(
        async () => {
          const n = choiceCount(request);
          const context = await contextFor(listRemoteImages(request), call);
          if (n === 1) return chatCompletionStream(request, context);
          const one = singleChoice(request);
          return mergeStreams(Array.from({ length: n }, () => chatCompletionStream(one, context)));
        },
        (err) => namingTheModel(err, request.model),
      );
    },
    responses: createResponsesBackend({
      store: options.store ?? new MemoryStore(),
      ...(options.reasoningKey ? { reasoningKey: options.reasoningKey } : {}),
      ...(options.responseTtlMs ? { ttlMs: options.responseTtlMs } : {}),
      contextFor,
    }),
    async embed(request, call) {
      return createEmbeddings(request, {
        transport: stack.transport,
        signal: call.signal,
        onEvent: call.onEvent,
        ...(call.onNotes ? { onNotes: call.onNotes } : {}),
        ...(options.embeddingConcurrency !== undefined
          ? { concurrency: options.embeddingConcurrency }
          : {}),
      });
    },
    async listModels() {
      const models = await discover();
      const chat = models.filter((m) => m.capabilities.chat && m.onDemand).map(toGatewayModel);
      // Discovery lists text models only; the embedding models come from models' own table.
      return [...chat, ...EMBEDDING_MODELS.map(toEmbeddingEntry)];
    },
  };
}

function toGatewayModel(m: DiscoveredModel): OpenAIModel {
  return {
    id: m.id,
    object: 'model',
    created: 0,
    owned_by: m.providerName || m.provider,
    context_length: m.contextLength,
    name: m.name,
    kind: m.resourceType, // the HTTP field keeps its documented name
    capabilities: {
      tools: m.capabilities.toolUse,
      vision: m.capabilities.vision,
      reasoning: m.capabilities.reasoning !== 'none',
      streaming: m.streaming,
    },
  };
}

/** An embedding model as `GET /v1/models` lists it, marked `mode: 'embedding'`. */
function toEmbeddingEntry(m: EmbeddingModelFacts): OpenAIModel {
  return {
    id: m.modelId,
    object: 'model',
    created: 0,
    owned_by: m.providerName,
    context_length: m.maxInputTokens,
    name: m.name,
    mode: 'embedding',
    capabilities: {
      embedding: true,
      dimensions: m.dimensions,
      max_input_tokens: m.maxInputTokens,
      batch_size: m.batchSize,
    },
  };
}
