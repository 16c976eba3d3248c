import type { ContentBlock, ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { type AnswerOptions, answerCreated, answerId } from './answer-options.js';
import { encodeBase64 } from './base64.js';
import { mapStopReason } from './map-stop-reason.js';
import type {
  BedrockChoiceExtension,
  ChatCompletion,
  ChatCompletionMessage,
} from './openai-answer.js';
import type { ChatCompletionMessageToolCall, ReasoningDetail } from './openai-request.js';
import { inputToArguments } from './tool-arguments.js';
import { restoreToolName } from './tool-names.js';
import { toCompletionUsage } from './usage.js';

/** The parts of a Converse answer this conversion reads. */
export type ConverseAnswer = Pick<ConverseResponse, 'output' | 'stopReason'> &
  Partial<Pick<ConverseResponse, 'usage' | 'trace' | 'additionalModelResponseFields'>>;

/** Builds the `bedrock` extension of a choice, leaving out empty facts. */
export function choiceExtension(
  stopReason: string,
  unmapped: boolean,
  citations: unknown[],
  trace: unknown,
  additional: unknown,
): BedrockChoiceExtension {
  const ext: BedrockChoiceExtension = { stop_reason: stopReason };
  if (unmapped) ext.unmapped_stop_reason = true;
  if (citations.length > 0) ext.citations = citations;
  if (trace !== undefined) ext.trace = trace;
  if (additional !== undefined) ext.additional_model_response_fields = additional;
  return ext;
}

/**
 * A Converse answer -> an OpenAI `chat.completion`: text blocks concatenated into `content`
 * (`null` when there is none), tool calls with JSON-string arguments and original names,
 * reasoning in `reasoning_content` + `reasoning_details`, citations/trace/raw stop reason in the
 * choice's `bedrock` extension, usage with cached tokens.
 */
export function fromConverseOutput(output: ConverseAnswer, options: AnswerOptions): ChatCompletion {
  const blocks: ContentBlock[] = output.output?.message?.content ?? [];
  let text = '';
  let reasoningText = '';
  const toolCalls: ChatCompletionMessageToolCall[] = [];
  const reasoning: ReasoningDetail[] = [];
  const citations: unknown[] = [];
  for (const block of blocks) {
    if (block.text !== undefined) text += block.text;
    else if (block.toolUse !== undefined) {
      const { toolUseId, name, input } = block.toolUse;
      if (options.structuredOutputTool !== undefined && name === options.structuredOutputTool) {
        text += inputToArguments(input);
        continue;
      }
      toolCalls.push({
        id: toolUseId ?? '',
        type: 'function',
        function: {
          name: restoreToolName(name ?? '', options.toolNames),
          arguments: inputToArguments(input),
        },
      });
    } else if (block.reasoningContent !== undefined) {
      const r = block.reasoningContent;
      if (r.reasoningText !== undefined) {
        const detail: ReasoningDetail = {
          type: 'reasoning.text',
          text: r.reasoningText.text ?? '',
          index: reasoning.length,
        };
        if (r.reasoningText.signature !== undefined) detail.signature = r.reasoningText.signature;
        reasoningText += detail.text;
        reasoning.push(detail);
      } else if (r.redactedContent !== undefined) {
        reasoning.push({
          type: 'reasoning.encrypted',
          data: encodeBase64(r.redactedContent),
          index: reasoning.length,
        });
      }
    } else if (block.citationsContent !== undefined) {
      for (const part of block.citationsContent.content ?? []) text += part.text ?? '';
      citations.push(...(block.citationsContent.citations ?? []));
    }
  }
  const message: ChatCompletionMessage = {
    role: 'assistant',
    content: text === '' ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoningText !== '') message.reasoning_content = reasoningText;
  if (reasoning.length > 0) message.reasoning_details = reasoning;
  const stopReason = output.stopReason ?? 'unknown';
  const mapped = mapStopReason(stopReason, toolCalls.length > 0);
  const completion: ChatCompletion = {
    id: answerId(options),
    object: 'chat.completion',
    created: answerCreated(options),
    model: options.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapped.finish_reason,
        logprobs: null,
        bedrock: choiceExtension(
          stopReason,
          mapped.unmapped,
          citations,
          output.trace,
          output.additionalModelResponseFields,
        ),
      },
    ],
  };
  if (output.usage !== undefined) completion.usage = toCompletionUsage(output.usage);
  return completion;
}
