/**
 * What the emulator knows about the catalogue's embedding models: which request body each
 * family takes and its limits. Sources:
 * - Titan Text Embeddings V2: Bedrock user guide, "Amazon Titan Embeddings Text"
 *   (model-parameters-titan-embed-text): `inputText` required; `dimensions` 1024 (default), 512
 *   or 256; `normalize` default true; `embeddingTypes` `float` and/or `binary`. 8,192 input tokens
 *   ("Amazon Titan Text Embeddings models" page).
 * - Titan Multimodal Embeddings G1: Bedrock user guide, "Amazon Titan Multimodal Embeddings G1"
 *   (model-parameters-titan-embed-mm): `inputText` and/or `inputImage`,
 *   `embeddingConfig.outputEmbeddingLength` 256 | 384 | 1024 (default); 256 input text tokens
 *   (titan-multiemb-models). Images are not served here.
 * - Cohere Embed v3 (English, Multilingual): Bedrock user guide, "Cohere Embed models"
 *   (model-parameters-embed): `texts` (0 to 96 texts, 0 to 2,048 characters each) and
 *   `input_type` required; `truncate` NONE (default) | START | END; `embedding_types` float,
 *   int8, uint8, binary, ubinary. 1,024 dimensions; 512 tokens a text.
 */
export type EmbeddingFamily = 'titan-text-v2' | 'titan-multimodal-g1' | 'cohere-v3';

export interface EmbeddingModelSpec {
  family: EmbeddingFamily;
  /** Dimensions a request may ask for (the first is the default). */
  dimensions: readonly number[];
  /** Most tokens one text may have. */
  maxInputTokens: number;
  /** Most texts one call may carry (families that take a list). */
  maxTexts?: number;
  /** Most characters one text may have (schema `maxLength`). */
  maxTextChars?: number;
}

const TITAN_V2: EmbeddingModelSpec = {
  family: 'titan-text-v2',
  dimensions: [1024, 512, 256],
  maxInputTokens: 8192,
};

const TITAN_MULTIMODAL: EmbeddingModelSpec = {
  family: 'titan-multimodal-g1',
  dimensions: [1024, 384, 256],
  maxInputTokens: 256,
};

const COHERE_V3: EmbeddingModelSpec = {
  family: 'cohere-v3',
  dimensions: [1024],
  maxInputTokens: 512,
  maxTexts: 96,
  maxTextChars: 2048,
};

const SPECS: ReadonlyMap<string, EmbeddingModelSpec> = new Map([
  ['amazon.titan-embed-text-v2:0', TITAN_V2],
  ['amazon.titan-embed-image-v1', TITAN_MULTIMODAL],
  ['cohere.embed-english-v3', COHERE_V3],
  ['cohere.embed-multilingual-v3', COHERE_V3],
]);

/** The embedding spec of a catalogue model id, if the emulator serves it through InvokeModel. */
export function embeddingModelSpec(modelId: string): EmbeddingModelSpec | undefined {
  return SPECS.get(modelId);
}

/** The emulator's token count for embeddings: UTF-8 bytes / 4, rounded up (non-Latin text costs more). */
export function countEmbeddingTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 4);
}
