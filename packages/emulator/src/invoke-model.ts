import { randomUUID } from 'node:crypto';
import { BedrockError } from './bedrock-error.js';
import {
  type Catalogue,
  type CatalogueModel,
  findModel,
  findProfile,
  isOnDemand,
} from './catalogue.js';
import {
  countEmbeddingTokens,
  type EmbeddingModelSpec,
  embeddingModelSpec,
} from './embedding-models.js';
import { embeddingVector, toBinary, toInt8, toUint8 } from './embedding-vector.js';
import type { Reply } from './runtime-handler.js';

/*
 * InvokeModel for the catalogue's embedding models. Bedrock checks an InvokeModel body against
 * the model's JSON schema and reports every violation in the schema validator's words, joined,
 * inside "Malformed input request: ..., please reformat your input and try again." Messages
 * seen from the real service:
 * - "Malformed input request: #: required key [texts] not found#: required key [input_type] not
 *   found#: extraneous key [inputText] is not permitted, please reformat your input and try
 *   again." (Cohere Embed, promptfoo/promptfoo#921)
 * - "Malformed input request: #/texts/0: expected maxLength: 2048, actual: 19882, please
 *   reformat your input and try again." (Cohere Embed, ScrapeGraphAI/Scrapegraph-ai#400,
 *   langgenius/dify#3942)
 * - "Input is too long for requested model." (Cohere Embed, run-llama/llama_index#14118)
 * - "400 Bad Request: Too many input tokens. Max input tokens: 8192, request input token count:
 *   9875" (Titan Embeddings, aws-samples/amazon-bedrock-workshop#136)
 * The other violations (enum, minLength, maximum item count, type) use the same validator's
 * templates ("#/dimensions: 300 is not a valid enum value", as in "none is not a valid enum
 * value" for Claude's tool_choice; "expected maximum item count: 96, found: 97").
 */

/** What InvokeModel answers: the model's JSON body and its token-count header. */
export interface InvokeReply {
  body: unknown;
  inputTokens: number;
}

const TITAN_KEYS = new Set(['inputText', 'dimensions', 'normalize', 'embeddingTypes']);
const TITAN_TYPES = new Set(['float', 'binary']);
const MULTIMODAL_KEYS = new Set(['inputText', 'inputImage', 'embeddingConfig']);
const COHERE_KEYS = new Set(['texts', 'images', 'input_type', 'truncate', 'embedding_types']);
const COHERE_INPUT_TYPES = new Set([
  'search_document',
  'search_query',
  'classification',
  'clustering',
  'image',
]);
const COHERE_TRUNCATE = new Set(['NONE', 'START', 'END']);
const COHERE_TYPES = ['float', 'int8', 'uint8', 'binary', 'ubinary'] as const;
type CohereType = (typeof COHERE_TYPES)[number];

function typeName(value: unknown): string {
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'JSONArray';
  switch (typeof value) {
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'number':
      return Number.isInteger(value) ? 'Integer' : 'BigDecimal';
    case 'object':
      return 'JSONObject';
    default:
      return 'Unknown';
  }
}

function malformed(violations: string[]): BedrockError {
  return new BedrockError(
    'ValidationException',
    `Malformed input request: ${violations.join('')}, please reformat your input and try again.`,
  );
}

/** Root-level checks both families share: an object, required keys, no extraneous keys. */
function checkKeys(
  body: unknown,
  required: readonly string[],
  allowed: ReadonlySet<string>,
): { fields: Record<string, unknown>; violations: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw malformed([`#: expected type: JSONObject, found: ${typeName(body)}`]);
  }
  const fields = body as Record<string, unknown>;
  const violations: string[] = [];
  for (const key of required) {
    if (!(key in fields)) violations.push(`#: required key [${key}] not found`);
  }
  for (const key of Object.keys(fields)) {
    if (!allowed.has(key)) violations.push(`#: extraneous key [${key}] is not permitted`);
  }
  return { fields, violations };
}

function expectType(violations: string[], path: string, value: unknown, type: string): boolean {
  if (typeName(value) === type || (type === 'Number' && typeof value === 'number')) return true;
  violations.push(`#/${path}: expected type: ${type}, found: ${typeName(value)}`);
  return false;
}

function titan(modelId: string, spec: EmbeddingModelSpec, body: unknown): InvokeReply {
  const { fields, violations } = checkKeys(body, ['inputText'], TITAN_KEYS);
  const { inputText, dimensions, normalize, embeddingTypes } = fields;
  if (inputText !== undefined && expectType(violations, 'inputText', inputText, 'String')) {
    if ((inputText as string).length === 0) {
      violations.push('#/inputText: expected minLength: 1, actual: 0');
    }
  }
  if (dimensions !== undefined && !spec.dimensions.includes(dimensions as number)) {
    violations.push(`#/dimensions: ${String(dimensions)} is not a valid enum value`);
  }
  if (normalize !== undefined) expectType(violations, 'normalize', normalize, 'Boolean');
  if (
    embeddingTypes !== undefined &&
    expectType(violations, 'embeddingTypes', embeddingTypes, 'JSONArray')
  ) {
    (embeddingTypes as unknown[]).forEach((t, i) => {
      if (!TITAN_TYPES.has(t as string)) {
        violations.push(`#/embeddingTypes/${i}: ${String(t)} is not a valid enum value`);
      }
    });
  }
  if (violations.length > 0) throw malformed(violations);
  const text = inputText as string;
  const tokens = countEmbeddingTokens(text);
  if (tokens > spec.maxInputTokens) throw tooManyTokens(spec, tokens);
  const size = (dimensions as number | undefined) ?? (spec.dimensions[0] as number);
  const vector = embeddingVector(modelId, text, size, normalize !== false);
  const types = new Set((embeddingTypes as string[] | undefined) ?? ['float']);
  const byType: Record<string, number[]> = {};
  if (types.has('float')) byType.float = vector;
  if (types.has('binary')) byType.binary = vector.map((v) => (v > 0 ? 1 : 0));
  return {
    body: { embedding: vector, embeddingsByType: byType, inputTextTokenCount: tokens },
    inputTokens: tokens,
  };
}

function tooManyTokens(spec: EmbeddingModelSpec, tokens: number): BedrockError {
  return new BedrockError(
    'ValidationException',
    `400 Bad Request: Too many input tokens. Max input tokens: ${spec.maxInputTokens}, request input token count: ${tokens}`,
  );
}

function titanMultimodal(modelId: string, spec: EmbeddingModelSpec, body: unknown): InvokeReply {
  const { fields, violations } = checkKeys(body, [], MULTIMODAL_KEYS);
  const { inputText, inputImage, embeddingConfig } = fields;
  if (inputText === undefined && inputImage === undefined) {
    violations.push('#: required key [inputText] not found');
  }
  if (inputText !== undefined) expectType(violations, 'inputText', inputText, 'String');
  let size = spec.dimensions[0] as number;
  if (
    embeddingConfig !== undefined &&
    expectType(violations, 'embeddingConfig', embeddingConfig, 'JSONObject')
  ) {
    const length = (embeddingConfig as { outputEmbeddingLength?: unknown }).outputEmbeddingLength;
    if (length !== undefined && !spec.dimensions.includes(length as number)) {
      violations.push(
        `#/embeddingConfig/outputEmbeddingLength: ${String(length)} is not a valid enum value`,
      );
    } else if (typeof length === 'number') size = length;
  }
  if (violations.length > 0) throw malformed(violations);
  if (inputImage !== undefined) {
    throw new BedrockError(
      'ValidationException',
      'The emulator embeds texts only: it does not serve image inputs (inputImage).',
    );
  }
  const text = inputText as string;
  const tokens = countEmbeddingTokens(text);
  if (tokens > spec.maxInputTokens) throw tooManyTokens(spec, tokens);
  const embedding = embeddingVector(modelId, text, size, false);
  return { body: { embedding, inputTextTokenCount: tokens, message: null }, inputTokens: tokens };
}

function cohere(modelId: string, spec: EmbeddingModelSpec, body: unknown): InvokeReply {
  const { fields, violations } = checkKeys(body, ['texts', 'input_type'], COHERE_KEYS);
  const { texts, input_type: inputType, truncate, embedding_types: types, images } = fields;
  if (texts !== undefined && expectType(violations, 'texts', texts, 'JSONArray')) {
    const list = texts as unknown[];
    const maxTexts = spec.maxTexts ?? Number.POSITIVE_INFINITY;
    if (list.length > maxTexts) {
      violations.push(`#/texts: expected maximum item count: ${maxTexts}, found: ${list.length}`);
    }
    list.forEach((text, i) => {
      if (!expectType(violations, `texts/${i}`, text, 'String')) return;
      const max = spec.maxTextChars ?? Number.POSITIVE_INFINITY;
      const length = (text as string).length;
      if (length > max) {
        violations.push(`#/texts/${i}: expected maxLength: ${max}, actual: ${length}`);
      }
    });
  }
  if (inputType !== undefined && !COHERE_INPUT_TYPES.has(inputType as string)) {
    violations.push(`#/input_type: ${String(inputType)} is not a valid enum value`);
  }
  if (truncate !== undefined && !COHERE_TRUNCATE.has(truncate as string)) {
    violations.push(`#/truncate: ${String(truncate)} is not a valid enum value`);
  }
  if (types !== undefined && expectType(violations, 'embedding_types', types, 'JSONArray')) {
    (types as unknown[]).forEach((t, i) => {
      if (!COHERE_TYPES.includes(t as CohereType)) {
        violations.push(`#/embedding_types/${i}: ${String(t)} is not a valid enum value`);
      }
    });
  }
  if (violations.length > 0) throw malformed(violations);
  if (images !== undefined) {
    throw new BedrockError(
      'ValidationException',
      'The emulator embeds texts only: it does not serve image inputs (images).',
    );
  }
  const list = texts as string[];
  const counts = list.map(countEmbeddingTokens);
  const cut = truncate === 'START' || truncate === 'END';
  if (!cut && counts.some((n) => n > spec.maxInputTokens)) {
    throw new BedrockError('ValidationException', 'Input is too long for requested model.');
  }
  const size = spec.dimensions[0] as number;
  const vectors = list.map((text) =>
    embeddingVector(`${modelId}\0${String(inputType)}`, text, size, true),
  );
  const inputTokens = counts.reduce((sum, n) => Math.min(n, spec.maxInputTokens) + sum, 0);
  const common = { id: randomUUID(), texts: list };
  if (types === undefined) {
    return {
      body: { ...common, embeddings: vectors, response_type: 'embeddings_floats' },
      inputTokens,
    };
  }
  const byType: Partial<Record<CohereType, number[][]>> = {};
  for (const type of new Set(types as CohereType[])) byType[type] = vectors.map(quantise(type));
  return {
    body: { ...common, embeddings: byType, response_type: 'embeddings_by_type' },
    inputTokens,
  };
}

function quantise(type: CohereType): (vector: number[]) => number[] {
  switch (type) {
    case 'float':
      return (v) => v;
    case 'int8':
      return toInt8;
    case 'uint8':
      return toUint8;
    case 'binary':
      return (v) => toBinary(v, true);
    case 'ubinary':
      return (v) => toBinary(v, false);
    default: {
      const unreachable: never = type;
      throw new TypeError(`Unknown embedding type ${String(unreachable)}`);
    }
  }
}

/** Serves one InvokeModel call. Throws {@link BedrockError}s for error answers. */
export function handleInvokeModel(model: CatalogueModel, body: unknown): InvokeReply {
  const spec = embeddingModelSpec(model.modelId);
  if (spec === undefined) {
    throw new BedrockError(
      'ValidationException',
      `The emulator serves InvokeModel for embedding models only; call ${model.modelId} with Converse.`,
    );
  }
  switch (spec.family) {
    case 'titan-text-v2':
      return titan(model.modelId, spec, body);
    case 'titan-multimodal-g1':
      return titanMultimodal(model.modelId, spec, body);
    case 'cohere-v3':
      return cohere(model.modelId, spec, body);
    default: {
      const unreachable: never = spec.family;
      throw new TypeError(`Unknown embedding family ${String(unreachable)}`);
    }
  }
}

/** The model an InvokeModel request addresses (by id, profile or ARN), callable on demand. */
export function resolveInvokeModel(
  catalogue: Catalogue,
  region: string,
  id: string,
): CatalogueModel {
  const profile = findProfile(catalogue, region, id);
  const viaProfile = profile && catalogue.models.find((m) => m.modelId === profile.modelId);
  if (viaProfile) return viaProfile;
  const model = findModel(catalogue, region, id);
  if (!model) {
    throw new BedrockError('ValidationException', 'The provided model identifier is invalid.');
  }
  if (!isOnDemand(model, region)) {
    throw new BedrockError(
      'ValidationException',
      `Invocation of model ID ${model.modelId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`,
    );
  }
  return model;
}

/** Bedrock's header with the input tokens an InvokeModel call is billed for. */
export const INPUT_TOKEN_COUNT_HEADER = 'x-amzn-bedrock-input-token-count';

/** The HTTP reply of one InvokeModel request (the token count travels as a header, as on Bedrock). */
export function invokeModelReply(
  catalogue: Catalogue,
  region: string,
  modelId: string,
  body: unknown,
): Reply {
  const answer = handleInvokeModel(resolveInvokeModel(catalogue, region, modelId), body);
  return {
    kind: 'json',
    status: 200,
    body: answer.body,
    headers: { [INPUT_TOKEN_COUNT_HEADER]: String(answer.inputTokens) },
  };
}
