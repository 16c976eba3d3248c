import type { CatalogueModel } from '../catalogue.js';
import { fromModel, isObject, type Json } from './validation-error.js';

/** The `anthropic_beta` flags of a request. */
export function betas(body: Json): string[] {
  const fields = isObject(body.additionalModelRequestFields)
    ? body.additionalModelRequestFields
    : {};
  return Array.isArray(fields.anthropic_beta) ? fields.anthropic_beta.map(String) : [];
}

/** The Anthropic `thinking` object when thinking is on (`enabled` or `adaptive`). */
export function thinkingOf(body: Json): Json | undefined {
  const fields = isObject(body.additionalModelRequestFields)
    ? body.additionalModelRequestFields
    : {};
  const thinking = fields.thinking;
  if (!isObject(thinking)) return undefined;
  return thinking.type === 'enabled' || thinking.type === 'adaptive' ? thinking : undefined;
}

/** Anthropic's name for a Converse content block (what "but found `...`" names). */
const ANTHROPIC_TYPE: Record<string, string> = {
  text: 'text',
  toolUse: 'tool_use',
  toolResult: 'tool_result',
  image: 'image',
  document: 'document',
  reasoningContent: 'thinking',
};

/**
 * Anthropic thinking rules, relayed by Bedrock with "The model returned the following errors: ".
 * - budget below 1024: "thinking.enabled.budget_tokens: Input should be greater than or equal to
 *   1024" (danny-avila/LibreChat#8346, EndemicMedia/claudecoder#5);
 * - max_tokens not above the budget, unless interleaved thinking is on (Anthropic extended
 *   thinking guide: with interleaved thinking the budget may exceed max_tokens);
 * - a final assistant turn with tool use that does not open with a thinking block (the message
 *   quoted in DESIGN.md "Facts about Bedrock", from public reports of the real answer).
 */
export function validateThinking(body: Json, model: CatalogueModel, messages: Json[]): void {
  const thinking = thinkingOf(body);
  if (!thinking || model.providerName !== 'Anthropic') return;
  const budget = thinking.budget_tokens;
  if (thinking.type === 'enabled' && typeof budget === 'number') {
    if (budget < 1024) {
      throw fromModel(
        'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
      );
    }
    const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
    const maxTokens =
      typeof config.maxTokens === 'number' ? config.maxTokens : model.maxOutputTokens;
    const interleaved =
      model.interleavedThinking === true &&
      betas(body).some((b) => b.startsWith('interleaved-thinking'));
    if (maxTokens <= budget && !interleaved) {
      throw fromModel(
        '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
      );
    }
  }
  checkFinalAssistant(messages);
}

function checkFinalAssistant(messages: Json[]): void {
  let last = -1;
  messages.forEach((m, i) => {
    if (m.role === 'assistant') last = i;
  });
  const final = messages[last];
  const content = final && Array.isArray(final.content) ? final.content.filter(isObject) : [];
  if (!content.some((b) => isObject(b.toolUse))) return;
  const first = content.find((b) => !isObject(b.cachePoint));
  const kind = first ? (Object.keys(first)[0] ?? '') : '';
  if (kind === 'reasoningContent') return;
  throw fromModel(
    `messages.${last}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${ANTHROPIC_TYPE[kind] ?? kind}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  );
}
