import type {
  ContentBlock,
  ConverseStreamCommandInput,
  Message,
} from '@aws-sdk/client-bedrock-runtime';
import { isValidDocumentName } from './document-block.js';
import { sniffImageFormat } from './image-bytes.js';
import { invalidRequest } from './invalid-request.js';
import { isValidToolName, isValidToolUseId } from './tool-names.js';

/** One thing Bedrock would reject, with the path of the offending field. */
export interface ConverseInputProblem {
  /** e.g. `messages[2].content[0].toolResult.toolUseId` */
  path: string;
  code: string;
  message: string;
}

const IMAGE_FORMATS = new Set(['png', 'jpeg', 'gif', 'webp']);
const DOCUMENT_FORMATS = new Set(['pdf', 'csv', 'doc', 'docx', 'xls', 'xlsx', 'html', 'txt', 'md']);
const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;
const METADATA_TEXT = /^[a-zA-Z0-9\s:_@$#=/+,\-.]*$/;
const MEMBERS = [
  'text',
  'image',
  'document',
  'toolUse',
  'toolResult',
  'reasoningContent',
  'cachePoint',
  'citationsContent',
  'guardContent',
  'video',
  'audio',
  'searchResult',
];

type Report = (path: string, code: string, message: string) => void;

function checkBlock(
  block: ContentBlock,
  path: string,
  role: string | undefined,
  report: Report,
): void {
  const members = MEMBERS.filter(
    (m) => (block as unknown as Record<string, unknown>)[m] !== undefined,
  );
  if (members.length !== 1) {
    report(
      path,
      'invalid_block',
      `a content block needs exactly one member (has ${members.length ? members.join(', ') : 'none'}).`,
    );
    return;
  }
  if (block.text !== undefined && (typeof block.text !== 'string' || block.text.trim() === '')) {
    report(`${path}.text`, 'blank_text', 'text blocks must not be empty or whitespace only.');
  }
  if (block.image !== undefined) {
    const bytes = block.image.source?.bytes;
    if (!IMAGE_FORMATS.has(String(block.image.format)))
      report(
        `${path}.image.format`,
        'invalid_image_format',
        `image format "${String(block.image.format)}" is not png, jpeg, gif or webp.`,
      );
    if (!(bytes instanceof Uint8Array) || bytes.length === 0)
      report(
        `${path}.image.source.bytes`,
        'missing_image_bytes',
        'image blocks need non-empty bytes.',
      );
    else {
      if (sniffImageFormat(bytes) !== block.image.format)
        report(
          `${path}.image.format`,
          'image_format_mismatch',
          `the bytes are not a ${String(block.image.format)} image.`,
        );
      if (bytes.length > MAX_IMAGE_BYTES)
        report(`${path}.image.source.bytes`, 'image_too_large', 'images may be at most 3.75 MB.');
    }
  }
  if (block.document !== undefined) {
    const { name, format, source } = block.document;
    if (typeof name !== 'string' || !isValidDocumentName(name))
      report(
        `${path}.document.name`,
        'invalid_document_name',
        `document name "${String(name)}" may hold only letters, digits, single spaces, hyphens, parentheses and square brackets.`,
      );
    if (!DOCUMENT_FORMATS.has(String(format)))
      report(
        `${path}.document.format`,
        'invalid_document_format',
        `document format "${String(format)}" is not accepted.`,
      );
    if (
      source?.bytes === undefined &&
      source?.text === undefined &&
      source?.s3Location === undefined &&
      source?.content === undefined
    )
      report(`${path}.document.source`, 'missing_document_source', 'documents need a source.');
    if (role !== 'user')
      report(path, 'document_not_in_user_turn', 'documents are allowed only in user turns.');
  }
  if (block.toolUse !== undefined) {
    const { toolUseId, name, input } = block.toolUse;
    if (role !== 'assistant')
      report(
        path,
        'tool_use_not_in_assistant_turn',
        'toolUse blocks are allowed only in assistant turns.',
      );
    if (typeof toolUseId !== 'string' || !isValidToolUseId(toolUseId))
      report(
        `${path}.toolUse.toolUseId`,
        'invalid_tool_use_id',
        `toolUseId "${String(toolUseId)}" must match [a-zA-Z0-9_-]{1,64}.`,
      );
    if (typeof name !== 'string' || !isValidToolName(name))
      report(
        `${path}.toolUse.name`,
        'invalid_tool_name',
        `tool name "${String(name)}" must match [a-zA-Z0-9_-]{1,64}.`,
      );
    if (typeof input !== 'object' || input === null || Array.isArray(input))
      report(`${path}.toolUse.input`, 'invalid_tool_input', 'toolUse input must be a JSON object.');
  }
  if (block.toolResult !== undefined) {
    if (role !== 'user')
      report(
        path,
        'tool_result_not_in_user_turn',
        'toolResult blocks are allowed only in user turns.',
      );
    const content = block.toolResult.content ?? [];
    if (content.length === 0)
      report(
        `${path}.toolResult.content`,
        'empty_tool_result',
        'toolResult content must not be empty.',
      );
    content.forEach((c, i) => {
      if (c.text !== undefined && c.text.trim() === '')
        report(`${path}.toolResult.content[${i}].text`, 'blank_text', 'text must not be blank.');
    });
  }
  if (block.reasoningContent !== undefined && role !== 'assistant')
    report(
      path,
      'reasoning_not_in_assistant_turn',
      'reasoning blocks are allowed only in assistant turns.',
    );
}

function ids(message: Message | undefined, member: 'toolUse' | 'toolResult'): string[] {
  return (message?.content ?? []).flatMap((b) => {
    const id = b[member]?.toolUseId;
    return id === undefined ? [] : [id];
  });
}

function checkMessages(messages: readonly Message[], report: Report): void {
  if (messages.length === 0) report('messages', 'no_messages', 'at least one message is required.');
  messages.forEach((message, m) => {
    const path = `messages[${m}]`;
    if (message.role !== 'user' && message.role !== 'assistant')
      report(
        `${path}.role`,
        'invalid_role',
        `role "${String(message.role)}" is not user or assistant.`,
      );
    if (m === 0 && message.role !== 'user')
      report(`${path}.role`, 'first_message_not_user', 'the first message must be a user message.');
    if (m > 0 && messages[m - 1]?.role === message.role)
      report(
        `${path}.role`,
        'roles_not_alternating',
        'roles must alternate between user and assistant.',
      );
    const content = message.content ?? [];
    if (content.length === 0)
      report(`${path}.content`, 'empty_content', 'a message needs at least one content block.');
    if (content[0]?.cachePoint !== undefined)
      report(
        `${path}.content[0]`,
        'leading_cache_point',
        'a cache point must follow other content.',
      );
    content.forEach((block, b) => checkBlock(block, `${path}.content[${b}]`, message.role, report));
    if (message.role === 'assistant') {
      const results = new Set(ids(messages[m + 1], 'toolResult'));
      for (const id of ids(message, 'toolUse')) {
        if (!results.has(id))
          report(
            path,
            'tool_use_without_result',
            `toolUse "${id}" has no toolResult in the next user message.`,
          );
      }
    } else {
      const uses = new Set(ids(m > 0 ? messages[m - 1] : undefined, 'toolUse'));
      const seen = new Set<string>();
      for (const id of ids(message, 'toolResult')) {
        if (!uses.has(id))
          report(
            path,
            'tool_result_without_use',
            `toolResult "${id}" answers no toolUse of the previous assistant message.`,
          );
        if (seen.has(id))
          report(path, 'duplicate_tool_result', `toolResult "${id}" appears twice.`);
        seen.add(id);
      }
    }
  });
}

function checkToolConfig(input: ConverseStreamCommandInput, report: Report): void {
  const hasToolBlocks = (input.messages ?? []).some((m) =>
    (m.content ?? []).some((b) => b.toolUse !== undefined || b.toolResult !== undefined),
  );
  const config = input.toolConfig;
  if (config === undefined) {
    if (hasToolBlocks)
      report(
        'toolConfig',
        'missing_tool_config',
        'the history holds tool blocks, so toolConfig is required.',
      );
    return;
  }
  const names = new Set<string>();
  const tools = config.tools ?? [];
  if (!tools.some((t) => t.toolSpec !== undefined || t.systemTool !== undefined))
    report('toolConfig.tools', 'no_tools', 'toolConfig needs at least one tool.');
  tools.forEach((tool, i) => {
    const spec = tool.toolSpec;
    if (spec === undefined) return;
    const path = `toolConfig.tools[${i}].toolSpec`;
    if (typeof spec.name !== 'string' || !isValidToolName(spec.name))
      report(
        `${path}.name`,
        'invalid_tool_name',
        `tool name "${String(spec.name)}" must match [a-zA-Z0-9_-]{1,64}.`,
      );
    else if (names.has(spec.name))
      report(`${path}.name`, 'duplicate_tool_name', `tool name "${spec.name}" is defined twice.`);
    names.add(String(spec.name));
    if (spec.description !== undefined && spec.description.trim() === '')
      report(`${path}.description`, 'blank_description', 'a tool description must not be blank.');
    const schema = spec.inputSchema?.json as { type?: unknown } | undefined;
    if (typeof schema !== 'object' || schema === null || schema.type !== 'object')
      report(
        `${path}.inputSchema.json`,
        'invalid_input_schema',
        'the input schema must be a JSON object schema with type "object".',
      );
  });
  const chosen = config.toolChoice?.tool?.name;
  if (chosen !== undefined && !names.has(chosen))
    report(
      'toolConfig.toolChoice.tool.name',
      'unknown_tool_choice',
      `toolChoice names "${chosen}", which is not among the tools.`,
    );
}

function checkRest(input: ConverseStreamCommandInput, report: Report): void {
  (input.system ?? []).forEach((block, i) => {
    if (block.text !== undefined && block.text.trim() === '')
      report(`system[${i}].text`, 'blank_text', 'system text must not be blank.');
  });
  const config = input.inferenceConfig;
  if (
    config?.maxTokens !== undefined &&
    (!Number.isInteger(config.maxTokens) || config.maxTokens < 1)
  )
    report(
      'inferenceConfig.maxTokens',
      'invalid_max_tokens',
      'maxTokens must be a positive integer.',
    );
  if (config?.temperature !== undefined && !(config.temperature >= 0 && config.temperature <= 1))
    report(
      'inferenceConfig.temperature',
      'invalid_temperature',
      'temperature must be within 0..1.',
    );
  if (config?.topP !== undefined && !(config.topP >= 0 && config.topP <= 1))
    report('inferenceConfig.topP', 'invalid_top_p', 'topP must be within 0..1.');
  (config?.stopSequences ?? []).forEach((s, i) => {
    if (s === '')
      report(
        `inferenceConfig.stopSequences[${i}]`,
        'empty_stop_sequence',
        'stop sequences must not be empty.',
      );
  });
  const metadata = Object.entries(input.requestMetadata ?? {});
  if (metadata.length > 16)
    report('requestMetadata', 'too_much_metadata', 'at most 16 metadata entries.');
  for (const [key, value] of metadata) {
    if (
      key === '' ||
      key.length > 256 ||
      !METADATA_TEXT.test(key) ||
      value.length > 256 ||
      !METADATA_TEXT.test(value)
    )
      report(
        `requestMetadata.${key}`,
        'invalid_metadata',
        'metadata keys/values: at most 256 of letters, digits, whitespace and :_@$#=/+,-.',
      );
  }
  const names = new Set<string>();
  (input.messages ?? []).forEach((m, i) =>
    (m.content ?? []).forEach((b, j) => {
      const name = b.document?.name?.toLowerCase();
      if (name === undefined) return;
      if (names.has(name))
        report(
          `messages[${i}].content[${j}].document.name`,
          'duplicate_document_name',
          `document name "${b.document?.name}" is used twice.`,
        );
      names.add(name);
    }),
  );
}

/**
 * Checks a Converse input against the rules Bedrock is known to enforce (alternation, first
 * user turn, blank text, toolUse/toolResult pairing and ids, tool names, image formats and bytes,
 * document names, toolConfig present when the history has tool blocks, ...). Returns every
 * problem found; an empty list means none of the known rules is broken.
 */
export function validateConverseInput(input: ConverseStreamCommandInput): ConverseInputProblem[] {
  const problems: ConverseInputProblem[] = [];
  const report: Report = (path, code, message) =>
    problems.push({ path, code, message: `${path}: ${message}` });
  checkMessages(input.messages ?? [], report);
  checkToolConfig(input, report);
  checkRest(input, report);
  return problems;
}

/** Like `validateConverseInput`, but throws a `validation` BedrockBridgeError listing the problems. */
export function assertValidConverseInput(input: ConverseStreamCommandInput): void {
  const problems = validateConverseInput(input);
  const first = problems[0];
  if (first === undefined) return;
  const error = invalidRequest(
    'invalid_converse_input',
    first.path,
    problems.map((p) => p.message).join('\n'),
  );
  Object.assign(error, { problems });
  throw error;
}
