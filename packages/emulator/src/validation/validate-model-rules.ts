import type { CatalogueModel } from '../catalogue.js';
import { validateCachePoints } from './validate-cache-points.js';
import { validateThinking } from './validate-thinking.js';
import { fromModel, invalid, isObject, type Json } from './validation-error.js';

/**
 * Rules that depend on the model, driven by the catalogue's facts (see CatalogueModel). Sources
 * per rule below.
 */

const unsupportedBlock = (kind: string) =>
  invalid(
    `This model doesn't support the ${kind} content block that you provided. Try again with a supported content block.`,
  );

function allBlocks(messages: Json[]): Json[] {
  return messages.flatMap((m) => (Array.isArray(m.content) ? m.content.filter(isObject) : []));
}

/** Media the model takes, and how many images and documents a request may carry in all. */
function checkMedia(messages: Json[], model: CatalogueModel): void {
  const blocks = allBlocks(messages);
  const images = blocks.filter((b) => isObject(b.image)).length;
  const documents = blocks.filter((b) => isObject(b.document)).length;
  if (images > 0 && !model.inputModalities.includes('IMAGE')) throw unsupportedBlock('image');
  if (blocks.some((b) => isObject(b.video)) && !model.inputModalities.includes('VIDEO')) {
    throw unsupportedBlock('video');
  }
  if (documents > 0 && model.documentChat === false) throw unsupportedBlock('document');
  // Per request, not per message: "too many images and documents: 21 + 0 > 20" (cline/cline#1844,
  // boto/boto3#4632 "19 + 5 > 20").
  const limit = model.maxMediaPerRequest;
  if (limit !== undefined && images + documents > limit) {
    throw fromModel(`too many images and documents: ${images} + ${documents} > ${limit}`);
  }
}

/**
 * Claude: a conversation that ends with an assistant turn (a prefill) must not end it with
 * whitespace: "messages: final assistant content cannot end with trailing whitespace"
 * (aws/aws-sdk-net#4015, tigy32/Tycode#10).
 */
function checkFinalWhitespace(messages: Json[]): void {
  const last = messages.at(-1);
  if (last?.role !== 'assistant' || !Array.isArray(last.content)) return;
  const texts = last.content.filter(isObject).filter((b) => typeof b.text === 'string');
  const final = texts.at(-1);
  if (final && /\s$/.test(String(final.text))) {
    throw fromModel('messages: final assistant content cannot end with trailing whitespace');
  }
}

/** Model-dependent rules; `operation` decides the streaming-only ones. */
export function validateModelRules(
  body: Json,
  model: CatalogueModel,
  messages: Json[],
  operation: 'converse' | 'converse-stream',
): void {
  const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  if (typeof config.maxTokens === 'number' && config.maxTokens > model.maxOutputTokens) {
    const limit = model.maxOutputTokens;
    throw invalid(
      `The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`,
    );
  }
  // "`temperature` and `top_p` cannot both be specified for this model. Please use only one."
  // (BerriAI/litellm#15070 Sonnet 4.5, aws-samples/bedrock-access-gateway#191 Haiku 4.5).
  if (model.exclusiveSampling && config.temperature !== undefined && config.topP !== undefined) {
    throw fromModel(
      '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
    );
  }
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : undefined;
  const choice = toolConfig && isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : undefined;
  const chosen = choice ? Object.keys(choice)[0] : undefined;
  // "This model doesn't support the toolConfig.toolChoice.any field. Remove
  // toolConfig.toolChoice.any and try again" (strands-agents/harness-sdk#1887, Meta Llama).
  if (chosen && model.toolChoice && !model.toolChoice.includes(chosen)) {
    throw invalid(
      `This model doesn't support the toolConfig.toolChoice.${chosen} field. Remove toolConfig.toolChoice.${chosen} and try again.`,
    );
  }
  // "This model doesn't support tool use in streaming mode." (earendil-works/pi#3739, Llama 4).
  if (toolConfig && operation === 'converse-stream' && model.streamingToolUse === false) {
    throw invalid("This model doesn't support tool use in streaming mode.");
  }
  checkMedia(messages, model);
  if (model.providerName === 'Anthropic') {
    validateCachePoints(body);
    checkFinalWhitespace(messages);
  }
  validateThinking(body, model, messages);
}
