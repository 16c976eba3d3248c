import type { CatalogueModel } from '../catalogue.js';
import { betas } from './validate-thinking.js';
import { invalid, type Json } from './validation-error.js';

/**
 * The context window a request gets: the model's, or its long one when the request turns on the
 * 1M-context beta (`anthropic_beta: ["context-1m-2025-08-07"]`, Claude Sonnet 4 and 4.5 on
 * Bedrock; Anthropic's context-windows guide).
 */
export function contextWindowFor(body: Json, model: CatalogueModel): number {
  const long = model.longContextWindow;
  if (long !== undefined && betas(body).some((b) => b.startsWith('context-1m'))) return long;
  return model.contextWindow;
}

/**
 * Context overflow in each family's words: Anthropic "prompt is too long: N tokens > M maximum"
 * and "input length and `max_tokens` exceed context limit: ..." (Anthropic API errors relayed by
 * Bedrock), others "Input is too long for requested model." (Bedrock's own).
 */
export function checkContextWindow(
  inputTokens: number,
  maxTokens: number | undefined,
  model: CatalogueModel,
  limit: number,
): void {
  const anthropic = model.providerName === 'Anthropic';
  if (inputTokens > limit) {
    throw invalid(
      anthropic
        ? `prompt is too long: ${inputTokens} tokens > ${limit} maximum`
        : 'Input is too long for requested model.',
    );
  }
  if (anthropic && maxTokens !== undefined && inputTokens + maxTokens > limit) {
    throw invalid(
      `input length and \`max_tokens\` exceed context limit: ${inputTokens} + ${maxTokens} > ${limit}, decrease input length or \`max_tokens\` and try again`,
    );
  }
}

/** The context-overflow message a model would give (used by the `context-overflow` fault). */
export function contextOverflowMessage(model: CatalogueModel | undefined): string {
  if (model?.providerName === 'Anthropic') {
    const limit = model.contextWindow;
    return `prompt is too long: ${limit + 1024} tokens > ${limit} maximum`;
  }
  return 'Input is too long for requested model.';
}
