import { parseModelId } from './parse-model-id.js';

/**
 * Which InvokeModel body an embedding model takes:
 * - `titan-text-v2`: `{ inputText, dimensions?, normalize?, embeddingTypes? }`, one text a call.
 * - `titan-text-g1`: `{ inputText }` only, one text a call.
 * - `titan-multimodal-g1`: `{ inputText, embeddingConfig?: { outputEmbeddingLength } }` (text
 *   only here: `inputImage` has no OpenAI field), one text a call.
 * - `cohere-v3`: `{ texts, input_type, truncate?, embedding_types? }`, a list of texts a call.
 */
export type EmbeddingFamily =
  | 'titan-text-v2'
  | 'titan-text-g1'
  | 'titan-multimodal-g1'
  | 'cohere-v3';

/** The facts about one embedding model that a request needs (Bedrock's, with their source). */
export interface EmbeddingModelFacts {
  /** Foundation-model id prefix the facts apply to (versions and region prefixes match too). */
  readonly key: string;
  /** The Bedrock model id to call (and list). */
  readonly modelId: string;
  readonly name: string;
  /** Lower-case provider segment (`amazon`, `cohere`). */
  readonly provider: string;
  /** The provider as Bedrock names it (`Amazon`, `Cohere`). */
  readonly providerName: string;
  readonly family: EmbeddingFamily;
  /** Output sizes a request may choose; the first is the default. One entry: not selectable. */
  readonly dimensions: readonly number[];
  /** Most tokens one text may have. */
  readonly maxInputTokens: number;
  /** Most characters one text may have, where the body schema caps it. */
  readonly maxInputChars: number | undefined;
  /** Most texts one call carries (1: one call per text). */
  readonly batchSize: number;
  /** Values of the family's input-type field (`input_type`); empty when it has none. */
  readonly inputTypes: readonly string[];
  /** The input type sent when the request names none (the family requires one). */
  readonly defaultInputType: string | undefined;
  /** The model returns unit-length vectors, or can be asked to (`normalize`). */
  readonly normalized: boolean;
  readonly source: string;
}

const COHERE_INPUT_TYPES = ['search_document', 'search_query', 'classification', 'clustering'];

const COHERE_V3 = {
  provider: 'cohere',
  providerName: 'Cohere',
  family: 'cohere-v3',
  dimensions: [1024],
  maxInputTokens: 512,
  maxInputChars: 2048,
  batchSize: 96,
  inputTypes: COHERE_INPUT_TYPES,
  defaultInputType: 'search_document',
  normalized: true,
  source:
    'Bedrock user guide, "Cohere Embed models" (model-parameters-embed): texts 0-96 a call, 0-2,048 characters each, input_type required (search_document, search_query, classification, clustering, image), truncate NONE|START|END, 512 tokens a text recommended; 1,024 dimensions (Cohere Embed v3 model card).',
} as const;

/** The embedding models this toolkit converts requests for. */
export const EMBEDDING_MODELS: readonly EmbeddingModelFacts[] = Object.freeze([
  {
    key: 'amazon.titan-embed-text-v2',
    modelId: 'amazon.titan-embed-text-v2:0',
    name: 'Amazon Titan Text Embeddings V2',
    provider: 'amazon',
    providerName: 'Amazon',
    family: 'titan-text-v2',
    dimensions: [1024, 512, 256],
    maxInputTokens: 8192,
    maxInputChars: undefined,
    batchSize: 1,
    inputTypes: [],
    defaultInputType: undefined,
    normalized: true,
    source:
      'Bedrock user guide, "Amazon Titan Embeddings Text" (model-parameters-titan-embed-text): inputText required, dimensions 1024 (default) | 512 | 256, normalize (default true), embeddingTypes float | binary; "Amazon Titan Text Embeddings models": up to 8,192 tokens.',
  },
  {
    key: 'amazon.titan-embed-text-v1',
    modelId: 'amazon.titan-embed-text-v1',
    name: 'Amazon Titan Embeddings G1 - Text',
    provider: 'amazon',
    providerName: 'Amazon',
    family: 'titan-text-g1',
    dimensions: [1536],
    maxInputTokens: 8192,
    maxInputChars: undefined,
    batchSize: 1,
    inputTypes: [],
    defaultInputType: undefined,
    normalized: false,
    source:
      'Bedrock user guide, "Amazon Titan Embeddings Text" (G1 request: inputText only; answer embedding, inputTextTokenCount); 1,536 dimensions and 8K tokens per the Titan Text Embeddings V2 launch post (vercel/ai#4015 cites it).',
  },
  {
    key: 'amazon.titan-embed-image-v1',
    modelId: 'amazon.titan-embed-image-v1',
    name: 'Amazon Titan Multimodal Embeddings G1',
    provider: 'amazon',
    providerName: 'Amazon',
    family: 'titan-multimodal-g1',
    dimensions: [1024, 384, 256],
    maxInputTokens: 256,
    maxInputChars: undefined,
    batchSize: 1,
    inputTypes: [],
    defaultInputType: undefined,
    normalized: false,
    source:
      'Bedrock user guide, "Amazon Titan Multimodal Embeddings G1" (model-parameters-titan-embed-mm): inputText and/or inputImage, embeddingConfig.outputEmbeddingLength 256 | 384 | 1024 (default); answer embedding, inputTextTokenCount, message; model page (titan-multiemb-models): 256 input text tokens, on demand.',
  },
  {
    ...COHERE_V3,
    key: 'cohere.embed-english-v3',
    modelId: 'cohere.embed-english-v3',
    name: 'Cohere Embed English v3',
  },
  {
    ...COHERE_V3,
    key: 'cohere.embed-multilingual-v3',
    modelId: 'cohere.embed-multilingual-v3',
    name: 'Cohere Embed Multilingual v3',
  },
]);

const BY_KEY = new Map(EMBEDDING_MODELS.map((m) => [m.key, m]));

/**
 * The embedding facts of a model id (bare, versioned, region-prefixed or an ARN that names it),
 * or `undefined` when it is not an embedding model this table knows. Throws a `validation`
 * error only for an id that is not an id at all.
 */
export function getEmbeddingModel(modelId: string): EmbeddingModelFacts | undefined {
  const lookupId = parseModelId(modelId).lookupId;
  for (let end = lookupId.length; end > 0; end--) {
    if (end < lookupId.length && !':-'.includes(lookupId[end] as string)) continue;
    const facts = BY_KEY.get(lookupId.slice(0, end));
    if (facts !== undefined) return facts;
  }
  return undefined;
}
