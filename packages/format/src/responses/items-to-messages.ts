import { invalidRequest } from '../invalid-request.js';
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPart,
  ChatCompletionContentPartInputAudio,
  ChatCompletionContentPartText,
  ChatCompletionMessageParam,
  ReasoningDetail,
} from '../openai-request.js';
import type {
  ResponseFunctionCallItem,
  ResponseInputItem,
  ResponseMessageItem,
  ResponseReasoningItem,
} from './responses-request.js';

/** How items become chat messages: stored items, and the gateway's reasoning seal. */
export interface ItemConversionOptions {
  /**
   * Items of stored responses, by item id: what an `item_reference` points to, and the
   * reasoning of a `reasoning` item sent back without `encrypted_content`. Default: none.
   */
  storedItem?: (id: string) => ResponseInputItem | undefined;
  /**
   * Opens a reasoning item's `encrypted_content` (sealed by the same gateway) into Bedrock's
   * reasoning blocks; `undefined` when it cannot be opened (wrong key, tampered). Default: none
   * (`encrypted_content` is then an error).
   */
  openReasoning?: (sealed: string) => ReasoningDetail[] | undefined;
}

/** Chat messages, and for each one the Responses field it came from (for error `param`s). */
export interface ConvertedItems {
  messages: ChatCompletionMessageParam[];
  /** `messages[i]` -> its Responses param; `tool_calls[k]` -> the function_call item's param. */
  origins: Array<{ param: string; calls: string[]; reasoning?: string }>;
}

function textPart(text: string): ChatCompletionContentPartText {
  return { type: 'text', text };
}

function fail(param: string, message: string, code = 'invalid_value'): never {
  throw invalidRequest(code, param, message);
}

/** One content part of a message (or of a function output) -> a chat content part. */
function contentPart(
  part: unknown,
  param: string,
): ChatCompletionContentPart | { refusal: string } {
  const p = part as Record<string, unknown> | null;
  const type = typeof p === 'object' && p !== null ? p.type : undefined;
  switch (type) {
    case 'input_text':
    case 'output_text':
      if (typeof p?.text !== 'string') fail(`${param}.text`, `${param}.text must be a string.`);
      return textPart(p.text as string);
    case 'refusal':
      return { refusal: String(p?.refusal ?? '') };
    case 'input_image': {
      if (typeof p?.file_id === 'string')
        fail(
          `${param}.file_id`,
          'Uploaded files (file_id) are not available on this gateway; send image_url as a data: URL.',
          'unsupported_parameter',
        );
      if (typeof p?.image_url !== 'string' || p.image_url === '')
        fail(`${param}.image_url`, `${param}.image_url must be a URL.`);
      const detail =
        p.detail === 'original' ? 'high' : (p.detail as 'auto' | 'low' | 'high' | undefined);
      return {
        type: 'image_url',
        image_url: detail ? { url: p.image_url as string, detail } : { url: p.image_url as string },
      };
    }
    case 'input_file': {
      for (const field of ['file_id', 'file_url'] as const) {
        if (typeof p?.[field] === 'string')
          fail(
            `${param}.${field}`,
            `${field} is not available on this gateway; send file_data.`,
            'unsupported_parameter',
          );
      }
      if (typeof p?.file_data !== 'string')
        fail(`${param}.file_data`, `${param}.file_data must be a string.`);
      const file: { file_data: string; filename?: string } = { file_data: p.file_data as string };
      if (typeof p.filename === 'string') file.filename = p.filename;
      return { type: 'file', file };
    }
    default:
      return fail(
        `${param}.type`,
        `${param} has type ${JSON.stringify(type)}; expected input_text, input_image, input_file or output_text.`,
      );
  }
}

function textOnly(
  parts: ReturnType<typeof contentPart>[],
  param: string,
): ChatCompletionContentPartText[] {
  return parts.map((part, i) => {
    if ('type' in part && part.type === 'text') return part;
    return fail(`${param}[${i}]`, `${param}[${i}] must be text here.`);
  });
}

function reasoningDetails(
  item: ResponseReasoningItem,
  param: string,
  options: ItemConversionOptions,
): ReasoningDetail[] {
  let sealed = item.encrypted_content;
  if (typeof sealed !== 'string' || sealed === '') {
    const stored = typeof item.id === 'string' ? options.storedItem?.(item.id) : undefined;
    if (stored?.type === 'reasoning') sealed = (stored as ResponseReasoningItem).encrypted_content;
  }
  if (typeof sealed === 'string' && sealed !== '') {
    const opened = options.openReasoning?.(sealed);
    if (opened === undefined) {
      fail(
        `${param}.encrypted_content`,
        `${param}.encrypted_content cannot be opened: it was not sealed by this gateway's key, or it was altered.`,
        'invalid_encrypted_content',
      );
    }
    return opened;
  }
  // No sealed blocks: the summary as unsigned reasoning (replayed only where signatures are optional).
  if (item.summary !== undefined && !Array.isArray(item.summary)) {
    fail(`${param}.summary`, `${param}.summary must be an array of summary_text parts.`);
  }
  const text = (item.summary ?? [])
    .map((s) => (typeof s?.text === 'string' ? s.text : ''))
    .join('');
  return text === '' ? [] : [{ type: 'reasoning.text', text }];
}

/**
 * Responses input items -> chat messages. Consecutive assistant-side items (assistant messages,
 * function calls, reasoning) become one assistant message, so reasoning, text and tool calls of a
 * turn reach Bedrock in one assistant turn; `function_call_output` items become tool messages.
 */
export function itemsToMessages(
  items: ReadonlyArray<{ item: unknown; param: string }>,
  options: ItemConversionOptions,
): ConvertedItems {
  const messages: ChatCompletionMessageParam[] = [];
  const origins: ConvertedItems['origins'] = [];
  let assistant: ChatCompletionAssistantMessageParam | undefined;
  let turnClosed = false;
  const openAssistant = (param: string): ChatCompletionAssistantMessageParam => {
    if (assistant === undefined || turnClosed) {
      assistant = { role: 'assistant', content: null };
      turnClosed = false;
      messages.push(assistant);
      origins.push({ param, calls: [] });
    }
    return assistant;
  };
  const origin = () => origins[origins.length - 1] as ConvertedItems['origins'][number];

  for (const { item: raw, param } of items) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      fail(param, `${param} must be an object.`);
    }
    let item = raw as ResponseInputItem;
    let where = param;
    if (item.type === 'item_reference') {
      const stored = options.storedItem?.(item.id);
      if (stored === undefined) {
        fail(
          `${param}.id`,
          `${param}.id: no stored item ${JSON.stringify(item.id)} (it may have expired or been deleted).`,
          'item_not_found',
        );
      }
      item = stored;
      where = `${param}.id`;
    }
    const type = item.type ?? 'message';
    switch (type) {
      case 'message': {
        const m = item as ResponseMessageItem;
        const parts =
          typeof m.content === 'string'
            ? m.content
            : Array.isArray(m.content)
              ? m.content.map((part, j) => contentPart(part, `${where}.content[${j}]`))
              : fail(`${where}.content`, `${where}.content must be a string or an array of parts.`);
        if (m.role === 'assistant') {
          const message = openAssistant(where);
          const texts =
            typeof parts === 'string'
              ? parts
              : parts.map((p) => ('refusal' in p ? p.refusal : 'text' in p ? p.text : '')).join('');
          message.content = `${message.content ?? ''}${texts}`;
          if (texts !== '' && (message.tool_calls?.length ?? 0) > 0) turnClosed = true;
          break;
        }
        assistant = undefined;
        if (m.role === 'user') {
          const content =
            typeof parts === 'string' ? parts : (parts as ChatCompletionContentPart[]);
          if (typeof parts !== 'string' && parts.some((p) => !('type' in p)))
            fail(`${where}.content`, `${where}.content: a user message cannot hold a refusal.`);
          messages.push({ role: 'user', content });
        } else if (m.role === 'system' || m.role === 'developer') {
          const content = typeof parts === 'string' ? parts : textOnly(parts, `${where}.content`);
          messages.push({ role: m.role, content });
        } else {
          fail(`${where}.role`, `${where}.role must be user, assistant, system or developer.`);
        }
        origins.push({ param: where, calls: [] });
        break;
      }
      case 'function_call': {
        const call = item as ResponseFunctionCallItem;
        if (typeof call.call_id !== 'string' || typeof call.name !== 'string')
          fail(where, `${where} needs call_id and name strings.`);
        const message = openAssistant(where);
        message.tool_calls = [
          ...(message.tool_calls ?? []),
          {
            id: call.call_id,
            type: 'function',
            function: {
              name: call.name,
              arguments: typeof call.arguments === 'string' ? call.arguments : '',
            },
          },
        ];
        origin().calls.push(where);
        break;
      }
      case 'reasoning': {
        const details = reasoningDetails(item as ResponseReasoningItem, where, options);
        // Reasoning opens a turn: Bedrock wants it before the text and tool calls it led to.
        if (assistant !== undefined && (assistant.content || assistant.tool_calls))
          turnClosed = true;
        const message = openAssistant(where);
        const index = message.reasoning_details?.length ?? 0;
        message.reasoning_details = [
          ...(message.reasoning_details ?? []),
          ...details.map((d, k) => ({ ...d, index: index + k })),
        ];
        origin().reasoning ??= where;
        break;
      }
      case 'function_call_output': {
        assistant = undefined;
        const out = item as { call_id?: unknown; output?: unknown };
        if (typeof out.call_id !== 'string')
          fail(`${where}.call_id`, `${where}.call_id must be a string.`);
        const content =
          typeof out.output === 'string'
            ? out.output
            : Array.isArray(out.output)
              ? out.output.map((p, j) => {
                  // Text, images and documents: Converse takes all three in a tool result.
                  const part = contentPart(p, `${where}.output[${j}]`);
                  if ('refusal' in part)
                    fail(`${where}.output[${j}]`, 'A refusal cannot be a tool result.');
                  return part as Exclude<
                    typeof part,
                    ChatCompletionContentPartInputAudio | { refusal: string }
                  >;
                })
              : fail(`${where}.output`, `${where}.output must be a string or an array of parts.`);
        messages.push({ role: 'tool', tool_call_id: out.call_id as string, content });
        origins.push({ param: where, calls: [] });
        break;
      }
      default:
        fail(
          `${where}.type`,
          `${where} has type ${JSON.stringify(type)}; this gateway takes message, function_call, function_call_output, reasoning and item_reference items.`,
          'unsupported_item_type',
        );
    }
  }
  return { messages, origins };
}
