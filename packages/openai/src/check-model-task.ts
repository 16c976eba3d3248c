import { BedrockBridgeError } from '@bedrock-bridge/errors';
import {
  EMBEDDING_MODELS,
  type EmbeddingModelFacts,
  getEmbeddingModel,
  getModelCapabilities,
  type ModelCapabilities,
} from '@bedrock-bridge/models';

/*
 * Which endpoint a model belongs to, from models' facts: a chat request to an embedding model
 * (or the reverse) is a 400 naming the model, before anything is sent upstream.
 */

function wrongTask(message: string): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'validation',
    code: 'model_not_supported',
    param: 'model',
    message,
  });
}

/** Throws when a known model is not a chat model (`/v1/chat/completions`). */
export function assertChatModel(model: string, caps: ModelCapabilities): void {
  if (!caps.known || caps.task === 'chat') return;
  const use = caps.task === 'embedding' ? ' Use it with POST /v1/embeddings, or' : '';
  throw wrongTask(
    `${model} is ${caps.task === 'embedding' ? 'an' : 'a'} ${caps.task} model, not a chat model.${use} pick a chat model.`,
  );
}

/** The embedding facts of `model`, or a 400 (a chat model) / 404 (unknown) naming it. */
export function embeddingModelFor(model: string): EmbeddingModelFacts {
  const facts = getEmbeddingModel(model);
  if (facts !== undefined) return facts;
  const known = EMBEDDING_MODELS.map((m) => m.key).join(', ');
  const caps = getModelCapabilities(model);
  if (caps.known && caps.task === 'chat') {
    throw wrongTask(
      `${model} is a chat model, not an embedding model. Use it with POST /v1/chat/completions, or pick an embedding model (${known}).`,
    );
  }
  throw new BedrockBridgeError({
    kind: 'model_not_found',
    param: 'model',
    message: `The embedding model ${model} is not supported by this gateway (it converts requests for ${known}).`,
  });
}
