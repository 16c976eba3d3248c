import { answerCreated, answerId } from './answer-options.js';
import { answerToolCallId } from './answer-tool-call-id.js';
import { bytesToBase64 } from './base64.js';
import { mapStopReason } from './map-stop-reason.js';
import { inputToArguments } from './tool-arguments.js';
import { restoreToolName } from './tool-names.js';
import { toCompletionUsage } from './usage.js';
/** Builds the `bedrock` extension of a choice, leaving out empty facts. */
export function choiceExtension(facts) {
    const ext = { stop_reason: facts.stopReason };
    if (facts.unmapped)
        ext.unmapped_stop_reason = true;
    if (facts.citations.length > 0)
        ext.citations = facts.citations;
    if (facts.trace !== undefined)
        ext.trace = facts.trace;
    if (facts.additional !== undefined)
        ext.additional_model_response_fields = facts.additional;
    if (facts.serverToolUses.length > 0)
        ext.server_tool_uses = facts.serverToolUses;
    if (facts.preamble !== '')
        ext.structured_output_preamble = facts.preamble;
    return ext;
}
/**
 * A Converse answer -> an OpenAI `chat.completion`: text blocks concatenated into `content`
 * (`null` when there is none), tool calls with JSON-string arguments and original names,
 * reasoning in `reasoning_content` + `reasoning_details`, citations/trace/raw stop reason in the
 * choice's `bedrock` extension, usage with cached tokens.
 */
export function fromConverseOutput(output, options) {
    const blocks = output.output?.message?.content ?? [];
    const id = answerId(options);
    let text = '';
    let structured;
    let reasoningText = '';
    const toolCalls = [];
    const serverToolUses = [];
    const reasoning = [];
    const citations = [];
    blocks.forEach((block, b) => {
        if (block.text !== undefined)
            text += block.text;
        else if (block.toolUse !== undefined) {
            const { toolUseId, name, input, type } = block.toolUse;
            if (type === 'server_tool_use') {
                serverToolUses.push({ id: toolUseId ?? '', name: name ?? '', input });
                return;
            }
            if (options.structuredOutputTool !== undefined && name === options.structuredOutputTool) {
                structured = (structured ?? '') + inputToArguments(input);
                return;
            }
            toolCalls.push({
                id: answerToolCallId(toolUseId, id, toolCalls.length),
                type: 'function',
                function: {
                    name: restoreToolName(name ?? '', options.toolNames),
                    arguments: inputToArguments(input),
                },
            });
        }
        else if (block.reasoningContent !== undefined) {
            const r = block.reasoningContent;
            if (r.reasoningText !== undefined) {
                const detail = {
                    type: 'reasoning.text',
                    text: r.reasoningText.text ?? '',
                    index: reasoning.length,
                };
                if (r.reasoningText.signature !== undefined)
                    detail.signature = r.reasoningText.signature;
                reasoningText += detail.text;
                reasoning.push(detail);
            }
            else if (r.redactedContent !== undefined) {
                reasoning.push({
                    type: 'reasoning.encrypted',
                    data: bytesToBase64(r.redactedContent, `output.message.content[${b}].reasoningContent.redactedContent`),
                    index: reasoning.length,
                });
            }
        }
        else if (block.citationsContent !== undefined) {
            for (const part of block.citationsContent.content ?? [])
                text += part.text ?? '';
            citations.push(...(block.citationsContent.citations ?? []));
        }
    });
    // With the structured-output tool, `content` is its JSON alone; other text is reported aside.
    const content = structured ?? text;
    const message = {
        role: 'assistant',
        content: content === '' ? null : content,
        refusal: null,
    };
    if (toolCalls.length > 0)
        message.tool_calls = toolCalls;
    if (reasoningText !== '')
        message.reasoning_content = reasoningText;
    if (reasoning.length > 0)
        message.reasoning_details = reasoning;
    const stopReason = output.stopReason ?? 'unknown';
    const mapped = mapStopReason(stopReason, toolCalls.length > 0);
    const completion = {
        id,
        object: 'chat.completion',
        created: answerCreated(options),
        model: options.model,
        choices: [
            {
                index: 0,
                message,
                finish_reason: mapped.finish_reason,
                logprobs: null,
                bedrock: choiceExtension({
                    stopReason,
                    unmapped: mapped.unmapped,
                    citations,
                    trace: output.trace,
                    additional: output.additionalModelResponseFields,
                    serverToolUses,
                    preamble: structured === undefined ? '' : text,
                }),
            },
        ],
    };
    if (output.usage !== undefined)
        completion.usage = toCompletionUsage(output.usage, reasoningText.length);
    return completion;
}
