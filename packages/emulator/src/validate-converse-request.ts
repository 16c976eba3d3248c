import type { CatalogueModel } from './catalogue.js';
import { countRequestTokens } from './count-tokens.js';
import { checkContextWindow, contextWindowFor } from './validation/context-window.js';
import { validateModelRules } from './validation/validate-model-rules.js';
import { validateRequestShape } from './validation/validate-request-shape.js';
import { validateToolPairing } from './validation/validate-tool-pairing.js';
import { invalid, isObject, type Json } from './validation/validation-error.js';

export { contextOverflowMessage } from './validation/context-window.js';

/**
 * Validates a Converse / ConverseStream body against `model` the way Bedrock does, in the order
 * Bedrock checks (the service model's constraints first, then the conversation, then the model's
 * own rules) and returns the approximate input token count. Throws a ValidationException with
 * Bedrock's wording. Every rule and its source: README "Validation rules".
 */
export function validateConverseRequest(
  body: unknown,
  model: CatalogueModel,
  operation: 'converse' | 'converse-stream' = 'converse',
): number {
  if (!isObject(body))
    throw invalid('Malformed input request, please reformat your input and try again.');
  const messages = validateRequestShape(body).filter(isObject) as Json[];
  validateToolPairing(messages, isObject(body.toolConfig), model.providerName === 'Anthropic');
  validateModelRules(body, model, messages, operation);
  const inputTokens = countRequestTokens(body);
  const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = typeof config.maxTokens === 'number' ? config.maxTokens : undefined;
  checkContextWindow(inputTokens, maxTokens, model, contextWindowFor(body, model));
  return inputTokens;
}
