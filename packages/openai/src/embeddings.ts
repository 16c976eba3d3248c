/**
 * The embeddings recipe: an OpenAI embeddings request in, OpenAI's list out, Bedrock in between.
 *
 *   the model's embedding facts (models) -> InvokeModel bodies (format)
 *   -> send, a bounded number at a time (transport) -> OpenAI list in input order (format)
 */
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import {
  type EmbeddingCallResult,
  type EmbeddingList,
  type EmbeddingRequest,
  fromEmbeddingResults,
  toEmbeddingCalls,
} from '@bedrock-bridge/format/embeddings';
import type { CallOptions, Transport } from '@bedrock-bridge/transport';
import type { ConversionNotes } from './chat-completion.js';
import { embeddingModelFor } from './check-model-task.js';
import { mapBounded } from './map-bounded.js';

/** InvokeModel calls one embeddings request makes at once, by default. */
export const EMBEDDING_CONCURRENCY = 8;

/** What one embeddings request needs besides the request. */
export interface EmbeddingsOptions extends CallOptions {
  transport: Transport;
  /** InvokeModel calls in flight at once for one request. Default `EMBEDDING_CONCURRENCY`. */
  concurrency?: number;
  /** Called before anything is sent upstream, when the conversion dropped or adjusted something. */
  onNotes?: (notes: ConversionNotes) => void;
}

const decoder = new TextDecoder();

function parseAnswer(body: Uint8Array | undefined, modelId: string): unknown {
  try {
    return JSON.parse(decoder.decode(body));
  } catch (err) {
    throw new BedrockBridgeError({
      kind: 'stream_truncated',
      message: `The answer of ${modelId} is not JSON: it was damaged in transit.`,
      cause: err,
    });
  }
}

/**
 * Embeds every input of `request`. Each call is retried alone by the transport; a call that
 * still fails aborts the others and fails the request with its classified error.
 */
export async function createEmbeddings(
  request: EmbeddingRequest,
  context: EmbeddingsOptions,
): Promise<EmbeddingList> {
  const facts = embeddingModelFor(request.model);
  const prepared = toEmbeddingCalls(request, {
    family: facts.family,
    dimensions: facts.dimensions,
    batchSize: facts.batchSize,
    inputTypes: facts.inputTypes,
    ...(facts.maxInputChars !== undefined ? { maxInputChars: facts.maxInputChars } : {}),
    ...(facts.defaultInputType !== undefined ? { defaultInputType: facts.defaultInputType } : {}),
  });
  if (prepared.dropped.length > 0 || prepared.warnings.length > 0) {
    context.onNotes?.({ dropped: prepared.dropped, warnings: prepared.warnings });
  }
  const results = await mapBounded(
    prepared.calls,
    context.concurrency ?? EMBEDDING_CONCURRENCY,
    context.signal,
    async (call, signal): Promise<EmbeddingCallResult> => {
      const out = await context.transport.invokeModel(
        {
          modelId: call.modelId,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify(call.body),
        },
        { signal, ...(context.onEvent ? { onEvent: context.onEvent } : {}) },
      );
      return {
        call,
        body: parseAnswer(out.body, call.modelId),
        ...(out.inputTokenCount !== undefined ? { inputTokenCount: out.inputTokenCount } : {}),
      };
    },
  );
  return fromEmbeddingResults(results, prepared, { model: request.model });
}
