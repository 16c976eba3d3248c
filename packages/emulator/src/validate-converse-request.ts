import { BedrockError } from './bedrock-error.js';
import type { CatalogueModel } from './catalogue.js';
import { collectRequestText, countTokens } from './count-tokens.js';

type Json = Record<string, unknown>;

const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;
const IMAGE_FORMATS = ['gif', 'jpeg', 'png', 'webp'];

const invalid = (message: string): BedrockError => new BedrockError('ValidationException', message);

const constraint = (value: string, at: string, rule: string): BedrockError =>
  invalid(
    `1 validation error detected: Value ${value} at '${at}' failed to satisfy constraint: ${rule}`,
  );

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates a Converse / ConverseStream body against `model` the way Bedrock does and returns
 * the approximate input token count. Throws a ValidationException with Bedrock's wording.
 */
export function validateConverseRequest(body: unknown, model: CatalogueModel): number {
  if (!isObject(body))
    throw invalid('Malformed input request, please reformat your input and try again.');
  const messages = body.messages;
  if (messages === undefined || messages === null) {
    throw constraint('null', 'messages', 'Member must not be null');
  }
  if (!Array.isArray(messages)) {
    throw invalid(
      'Malformed input request: messages must be an array, please reformat your input and try again.',
    );
  }
  validateSystem(body.system);
  const hasToolConfig = isObject(body.toolConfig);
  if (hasToolConfig) validateTools(body.toolConfig as Json);
  validateMessages(messages, model, hasToolConfig);
  const maxTokens = validateInference(body, model);
  const inputTokens = countTokens(collectRequestText(body));
  checkContextWindow(inputTokens, maxTokens, model);
  return inputTokens;
}

function validateSystem(system: unknown): void {
  if (!Array.isArray(system)) return;
  system.forEach((block, i) => {
    if (isObject(block) && typeof block.text === 'string' && block.text.trim() === '') {
      throw invalid(
        `The text field in the SystemContentBlock object at system.${i} is blank. Add text to the text field, and try again.`,
      );
    }
  });
}

function validateTools(toolConfig: Json): void {
  const tools = toolConfig.tools;
  if (!Array.isArray(tools) || tools.length === 0) {
    throw constraint(
      "'[]'",
      'toolConfig.tools',
      'Member must have length greater than or equal to 1',
    );
  }
  tools.forEach((tool, i) => {
    const spec = isObject(tool) && isObject(tool.toolSpec) ? tool.toolSpec : undefined;
    if (!spec) return;
    const name = String(spec.name ?? '');
    const at = `toolConfig.tools.${i + 1}.member.toolSpec.name`;
    if (name.length < 1 || name.length > 64) {
      const bound = name.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 64';
      throw constraint(`'${name}'`, at, `Member must have length ${bound}`);
    }
    if (!TOOL_NAME.test(name)) {
      throw constraint(
        `'${name}'`,
        at,
        'Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+',
      );
    }
  });
}

function validateMessages(
  messages: unknown[],
  model: CatalogueModel,
  hasToolConfig: boolean,
): void {
  const first = messages[0];
  if (!isObject(first) || first.role !== 'user') {
    throw invalid(
      'A conversation must start with a user message. Try again with a conversation that starts with a user message.',
    );
  }
  let previous: Json | undefined;
  messages.forEach((message, i) => {
    if (!isObject(message)) throw invalid(`Malformed message at messages.${i}.`);
    if (message.role !== 'user' && message.role !== 'assistant') {
      throw constraint(
        `'${String(message.role)}'`,
        `messages.${i + 1}.member.role`,
        'Member must satisfy enum value set: [user, assistant]',
      );
    }
    if (previous && previous.role === message.role) {
      throw invalid(
        'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.',
      );
    }
    const content = message.content;
    if (!Array.isArray(content) || content.length === 0) {
      throw invalid(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    content.forEach((block, j) => {
      validateBlock(block, `messages.${i}`, j, model, hasToolConfig);
    });
    checkToolPairing(previous, message, i);
    previous = message;
  });
}

function validateBlock(
  block: unknown,
  at: string,
  j: number,
  model: CatalogueModel,
  hasToolConfig: boolean,
): void {
  if (!isObject(block)) throw invalid(`Malformed content block at ${at}.content.${j}.`);
  if (typeof block.text === 'string' && block.text.trim() === '') {
    throw invalid(
      `The text field in the ContentBlock object at ${at}.content.${j} is blank. Add text to the text field, and try again.`,
    );
  }
  if ((block.toolUse || block.toolResult) && !hasToolConfig) {
    throw invalid(
      'The toolConfig field must be defined when using toolUse and toolResult content blocks.',
    );
  }
  if (isObject(block.image)) {
    const format = String(block.image.format);
    if (!IMAGE_FORMATS.includes(format)) {
      const index = at.replace(/^messages\.(\d+)$/, (_, n) => `messages.${Number(n) + 1}.member`);
      throw constraint(
        `'${format}'`,
        `${index}.content.${j + 1}.member.image.format`,
        `Member must satisfy enum value set: [${IMAGE_FORMATS.join(', ')}]`,
      );
    }
    if (!model.inputModalities.includes('IMAGE')) {
      throw invalid(
        "This model doesn't support the image content block that you provided. Try again with a supported content block.",
      );
    }
  }
}

function ids(message: Json | undefined, kind: 'toolUse' | 'toolResult'): string[] {
  const content = message?.content;
  if (!Array.isArray(content)) return [];
  return content
    .filter((b): b is Json => isObject(b) && isObject(b[kind]))
    .map((b) => String((b[kind] as Json).toolUseId));
}

function checkToolPairing(previous: Json | undefined, message: Json, i: number): void {
  if (message.role !== 'user') return;
  const uses = ids(previous, 'toolUse');
  const results = ids(message, 'toolResult');
  if (results.length > uses.length) {
    throw invalid(
      `The number of toolResult blocks at messages.${i}.content exceeds the number of toolUse blocks of previous turn.`,
    );
  }
  const stray = results.filter((id) => !uses.includes(id));
  if (stray.length > 0) {
    throw invalid(
      `messages.${i}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
    );
  }
  const missing = uses.filter((id) => !results.includes(id));
  if (missing.length > 0) {
    throw invalid(
      `Expected toolResult blocks at messages.${i}.content for the following Ids: ${missing.join(', ')}`,
    );
  }
}

function validateInference(body: Json, model: CatalogueModel): number | undefined {
  const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = config.maxTokens;
  if (maxTokens === undefined) return undefined;
  if (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1) {
    throw constraint(
      `'${String(maxTokens)}'`,
      'inferenceConfig.maxTokens',
      'Member must have value greater than or equal to 1',
    );
  }
  if (maxTokens > model.maxOutputTokens) {
    const limit = model.maxOutputTokens;
    throw invalid(
      `The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`,
    );
  }
  const thinking = isObject(body.additionalModelRequestFields)
    ? body.additionalModelRequestFields.thinking
    : undefined;
  if (isObject(thinking) && typeof thinking.budget_tokens === 'number') {
    if (thinking.budget_tokens >= maxTokens) {
      throw invalid('`max_tokens` must be greater than `thinking.budget_tokens`.');
    }
  }
  return maxTokens;
}

function checkContextWindow(
  inputTokens: number,
  maxTokens: number | undefined,
  model: CatalogueModel,
): void {
  const limit = model.contextWindow;
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
