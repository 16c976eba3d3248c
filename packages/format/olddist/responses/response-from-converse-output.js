import { fromConverseOutput } from '../from-converse-output.js';
import { finishResponse, itemIds, responseShell, setOutput, toResponseUsage, } from './response-shell.js';
/** One reasoning block -> a reasoning item (summary text; sealed blocks when a seal is given). */
export function reasoningItem(id, detail, options, status = 'completed') {
    const text = detail.type === 'reasoning.text' ? detail.text : '';
    const item = {
        type: 'reasoning',
        id,
        summary: text === '' ? [] : [{ type: 'summary_text', text }],
        status,
    };
    if (options.sealReasoning) {
        const { index: _index, ...block } = detail;
        item.encrypted_content = options.sealReasoning([block]);
    }
    return item;
}
/**
 * A Converse answer -> an OpenAI Responses `response` object, through the chat conversion
 * (`fromConverseOutput`): one `reasoning` item per reasoning block (its text as the summary, its
 * blocks sealed in `encrypted_content` when `sealReasoning` is given), a `message` item with the
 * text, one `function_call` item per tool call; `status` `incomplete` with
 * `incomplete_details.reason` when the answer hit the token limit or a content filter.
 */
export function responseFromConverseOutput(output, options) {
    const response = responseShell(options);
    const completion = fromConverseOutput(output, {
        model: response.model,
        toolNames: options.toolNames ?? {},
        ...(options.structuredOutputTool === undefined
            ? {}
            : { structuredOutputTool: options.structuredOutputTool }),
    });
    const choice = completion.choices[0];
    if (choice === undefined)
        throw new Error('fromConverseOutput returned no choice (bug).');
    finishResponse(response, choice.finish_reason);
    const itemStatus = response.status === 'incomplete' ? 'incomplete' : 'completed';
    const newId = itemIds(options);
    const items = [];
    for (const detail of choice.message.reasoning_details ?? []) {
        items.push(reasoningItem(newId('rs'), detail, options, itemStatus));
    }
    if (choice.message.content !== null) {
        items.push({
            type: 'message',
            id: newId('msg'),
            role: 'assistant',
            status: itemStatus,
            content: [{ type: 'output_text', text: choice.message.content, annotations: [] }],
        });
    }
    for (const call of choice.message.tool_calls ?? []) {
        if (call.type !== 'function')
            continue;
        items.push({
            type: 'function_call',
            id: newId('fc'),
            call_id: call.id,
            name: call.function.name,
            arguments: call.function.arguments,
            status: itemStatus,
        });
    }
    setOutput(response, items);
    if (completion.usage !== undefined)
        response.usage = toResponseUsage(completion.usage);
    if (choice.bedrock !== undefined)
        response.bedrock = choice.bedrock;
    return response;
}
