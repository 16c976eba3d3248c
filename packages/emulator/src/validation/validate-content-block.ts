import { blockPath, constraint, invalid, isObject, type Json } from './validation-error.js';

/**
 * Service-model constraints on one content block of a message. Sources: the Bedrock Runtime
 * service model (aws/aws-sdk-js-v3 codegen/sdk-codegen/aws-models/bedrock-runtime.json) and the
 * enums generated from it (@aws-sdk/client-bedrock-runtime 3.1164 dist-types/models/enums.d.ts),
 * plus the API reference pages named per rule.
 */

/** ImageFormat enum (service model). */
export const IMAGE_FORMATS = ['gif', 'jpeg', 'png', 'webp'];
/** DocumentFormat enum (service model). */
export const DOCUMENT_FORMATS = ['csv', 'doc', 'docx', 'html', 'md', 'pdf', 'txt', 'xls', 'xlsx'];
/** VideoFormat enum (service model). */
export const VIDEO_FORMATS = ['flv', 'mkv', 'mov', 'mp4', 'mpeg', 'mpg', 'three_gp', 'webm'];
/** ToolResultStatus enum (service model). */
const RESULT_STATUSES = ['error', 'success'];
/** ToolName: API_runtime_ToolUseBlock, Pattern `[a-zA-Z0-9_-]+`, length 1..64. */
export const TOOL_NAME = /^[a-zA-Z0-9_-]+$/;
/** ToolUseId: API_runtime_ToolUseBlock (current), Pattern `[a-zA-Z0-9_.:-]+`, length 1..64. */
const TOOL_USE_ID = /^[a-zA-Z0-9_.:-]+$/;

const enumRule = (values: string[]) =>
  `Member must satisfy enum value set: [${[...values].sort().join(', ')}]`;

/** Checks an enum member; Bedrock leaves the value out of messages under `messages`. */
export function checkEnum(value: unknown, values: string[], at: string): void {
  if (typeof value !== 'string' || !values.includes(value))
    throw constraint(undefined, at, enumRule(values));
}

/** Checks a string member against a length range and an optional pattern. */
export function checkName(value: unknown, at: string, pattern?: RegExp, max = 64): void {
  if (value === undefined || value === null)
    throw constraint('null', at, 'Member must not be null');
  const text = String(value);
  if (text.length < 1)
    throw constraint(undefined, at, 'Member must have length greater than or equal to 1');
  if (text.length > max)
    throw constraint(undefined, at, `Member must have length less than or equal to ${max}`);
  if (pattern && !pattern.test(text)) {
    const shown = pattern.source.replace(/^\^/, '').replace(/\$$/, '');
    throw constraint(undefined, at, `Member must satisfy regular expression pattern: ${shown}`);
  }
}

/** Checks a cachePoint block (API_runtime_CachePointBlock: type `default`, ttl `5m | 1h`). */
export function checkCachePoint(point: Json, at: string): void {
  checkEnum(point.type, ['default'], `${at}.cachePoint.type`);
  if (point.ttl !== undefined) checkEnum(point.ttl, ['5m', '1h'], `${at}.cachePoint.ttl`);
}

function checkBytes(source: unknown, at: string): void {
  if (!isObject(source)) throw constraint('null', `${at}.source`, 'Member must not be null');
  if (typeof source.bytes === 'string' && source.bytes.length === 0) {
    throw constraint(
      undefined,
      `${at}.source.bytes`,
      'Member must have length greater than or equal to 1',
    );
  }
}

/** Checks block `j` of message `i` against the service model (not against the model's rules). */
export function validateContentBlock(block: unknown, i: number, j: number): void {
  if (!isObject(block)) throw constraint('null', blockPath(i, j), 'Member must not be null');
  const at = blockPath(i, j);
  if (typeof block.text === 'string' && block.text.trim() === '') {
    // Wording: the Bedrock message for blank text (reported e.g. in the Converse troubleshooting
    // threads; the emulator's original rule).
    throw invalid(
      `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
    );
  }
  if (isObject(block.image)) {
    checkEnum(block.image.format, IMAGE_FORMATS, `${at}.image.format`);
    checkBytes(block.image.source, `${at}.image`);
  }
  if (isObject(block.document)) {
    // DocumentBlock.name: required, length 1..200, no pattern trait in the service model.
    checkName(block.document.name, `${at}.document.name`, undefined, 200);
    if (block.document.format !== undefined) {
      checkEnum(block.document.format, DOCUMENT_FORMATS, `${at}.document.format`);
    }
    if (!isObject(block.document.source)) {
      throw constraint('null', `${at}.document.source`, 'Member must not be null');
    }
  }
  if (isObject(block.video)) {
    checkEnum(block.video.format, VIDEO_FORMATS, `${at}.video.format`);
  }
  if (isObject(block.toolUse)) {
    checkName(block.toolUse.toolUseId, `${at}.toolUse.toolUseId`, TOOL_USE_ID);
    checkName(block.toolUse.name, `${at}.toolUse.name`, TOOL_NAME);
  }
  if (isObject(block.toolResult)) {
    const result = block.toolResult;
    checkName(result.toolUseId, `${at}.toolResult.toolUseId`, TOOL_USE_ID);
    if (!Array.isArray(result.content)) {
      throw constraint('null', `${at}.toolResult.content`, 'Member must not be null');
    }
    if (result.status !== undefined)
      checkEnum(result.status, RESULT_STATUSES, `${at}.toolResult.status`);
  }
  if (isObject(block.cachePoint)) checkCachePoint(block.cachePoint, at);
}
