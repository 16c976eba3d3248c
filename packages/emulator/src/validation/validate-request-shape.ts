import {
  checkCachePoint,
  checkEnum,
  checkName,
  TOOL_NAME,
  validateContentBlock,
} from './validate-content-block.js';
import {
  constraint,
  floatText,
  invalid,
  isObject,
  type Json,
  messagePath,
} from './validation-error.js';

/**
 * Service-model constraints on the request as a whole: messages and roles, system, toolConfig,
 * inferenceConfig. Sources: the Bedrock Runtime service model (aws/aws-sdk-js-v3
 * codegen/sdk-codegen/aws-models/bedrock-runtime.json), the enums generated from it
 * (@aws-sdk/client-bedrock-runtime 3.1164 enums.d.ts: ConversationRole = assistant|system|user),
 * and the API reference (API_runtime_ToolConfiguration, API_runtime_InferenceConfiguration).
 */

/** ConversationRole enum (SDK 3.1164, generated from the service model). */
const ROLES = ['assistant', 'system', 'user'];

function validateMessages(messages: unknown[]): void {
  messages.forEach((message, i) => {
    if (!isObject(message)) throw constraint('null', messagePath(i), 'Member must not be null');
    if (message.role === undefined || message.role === null) {
      throw constraint('null', `${messagePath(i)}.role`, 'Member must not be null');
    }
    checkEnum(message.role, ROLES, `${messagePath(i)}.role`);
    const content = message.content;
    if (content === undefined || content === null) {
      throw constraint('null', `${messagePath(i)}.content`, 'Member must not be null');
    }
    if (!Array.isArray(content) || content.length === 0) {
      throw invalid(
        `The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`,
      );
    }
    content.forEach((block, j) => {
      validateContentBlock(block, i, j);
    });
  });
}

function validateSystem(system: unknown): void {
  if (system === undefined) return;
  if (!Array.isArray(system))
    throw invalid('Malformed input request, please reformat your input and try again.');
  system.forEach((block, i) => {
    const at = `system.${i + 1}.member`;
    if (!isObject(block)) throw constraint('null', at, 'Member must not be null');
    if (typeof block.text === 'string' && block.text.trim() === '') {
      throw invalid(
        `The text field in the SystemContentBlock object at system.${i} is blank. Add text to the text field, and try again.`,
      );
    }
    if (isObject(block.cachePoint)) checkCachePoint(block.cachePoint, at);
  });
}

function validateToolConfig(toolConfig: unknown): void {
  if (toolConfig === undefined) return;
  if (!isObject(toolConfig))
    throw invalid('Malformed input request, please reformat your input and try again.');
  const tools = toolConfig.tools;
  if (tools === undefined || tools === null) {
    throw constraint('null', 'toolConfig.tools', 'Member must not be null');
  }
  // Portkey-AI/gateway#1124 quotes the real answer: "Value at 'toolConfig.tools' ... >= 1".
  if (!Array.isArray(tools) || tools.length === 0) {
    throw constraint(
      undefined,
      'toolConfig.tools',
      'Member must have length greater than or equal to 1',
    );
  }
  tools.forEach((tool, i) => {
    const at = `toolConfig.tools.${i + 1}.member`;
    if (!isObject(tool)) throw constraint('null', at, 'Member must not be null');
    if (isObject(tool.cachePoint)) checkCachePoint(tool.cachePoint, at);
    const spec = tool.toolSpec;
    if (!isObject(spec)) return;
    checkName(spec.name, `${at}.toolSpec.name`, TOOL_NAME);
    if (spec.description !== undefined) {
      checkName(
        spec.description,
        `${at}.toolSpec.description`,
        undefined,
        Number.POSITIVE_INFINITY,
      );
    }
    if (!isObject(spec.inputSchema)) {
      throw constraint('null', `${at}.toolSpec.inputSchema`, 'Member must not be null');
    }
  });
  const choice = toolConfig.toolChoice;
  if (isObject(choice) && isObject(choice.tool)) {
    checkName(choice.tool.name, 'toolConfig.toolChoice.tool.name', TOOL_NAME);
  }
}

function checkUnitRange(config: Json, key: 'temperature' | 'topP'): void {
  const value = config[key];
  if (value === undefined) return;
  const at = `inferenceConfig.${key}`;
  if (typeof value !== 'number' || value < 0) {
    throw constraint(floatText(value), at, 'Member must have value greater than or equal to 0');
  }
  if (value > 1)
    throw constraint(floatText(value), at, 'Member must have value less than or equal to 1');
}

function validateInference(config: unknown): void {
  if (!isObject(config)) return;
  const maxTokens = config.maxTokens;
  if (
    maxTokens !== undefined &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    throw constraint(
      `'${String(maxTokens)}'`,
      'inferenceConfig.maxTokens',
      'Member must have value greater than or equal to 1',
    );
  }
  checkUnitRange(config, 'temperature');
  checkUnitRange(config, 'topP');
  const stops = config.stopSequences;
  if (Array.isArray(stops)) {
    if (stops.length > 2500) {
      throw constraint(
        undefined,
        'inferenceConfig.stopSequences',
        'Member must have length less than or equal to 2500',
      );
    }
    stops.forEach((stop, i) => {
      if (typeof stop !== 'string' || stop.length < 1) {
        throw constraint(
          `'${String(stop)}'`,
          `inferenceConfig.stopSequences.${i + 1}.member`,
          'Member must have length greater than or equal to 1',
        );
      }
    });
  }
}

/** Throws the first service-model constraint `body` violates, in Bedrock's wording. */
export function validateRequestShape(body: Json): unknown[] {
  const messages = body.messages;
  if (messages === undefined || messages === null) {
    throw constraint('null', 'messages', 'Member must not be null');
  }
  if (!Array.isArray(messages)) {
    throw invalid(
      'Malformed input request: messages must be an array, please reformat your input and try again.',
    );
  }
  validateMessages(messages);
  validateSystem(body.system);
  validateToolConfig(body.toolConfig);
  validateInference(body.inferenceConfig);
  // ServiceTierType and PerformanceConfigLatency enums (SDK 3.1164, from the service model).
  if (isObject(body.serviceTier)) {
    checkEnum(
      body.serviceTier.type,
      ['default', 'flex', 'priority', 'reserved'],
      'serviceTier.type',
    );
  }
  if (isObject(body.performanceConfig) && body.performanceConfig.latency !== undefined) {
    checkEnum(
      body.performanceConfig.latency,
      ['optimized', 'standard'],
      'performanceConfig.latency',
    );
  }
  return messages;
}
