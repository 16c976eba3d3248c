import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { createConversionState } from '../conversion-state.js';
import { invalidRequest } from '../invalid-request.js';
import { unsupportedParam } from '../param-policy.js';
import { toConverseInput } from '../to-converse-input.js';
import { itemsToMessages, } from './items-to-messages.js';
const INCLUDABLE = new Set([
    'reasoning.encrypted_content',
    'message.output_text.logprobs',
    // About tools this gateway does not offer (they are refused in `tools`): nothing to include.
    'file_search_call.results',
    'web_search_call.results',
    'web_search_call.action.sources',
    'message.input_image.image_url',
    'computer_call_output.output.image_url',
    'code_interpreter_call.outputs',
]);
function fail(code, param, message) {
    throw invalidRequest(code, param, message);
}
function convertTools(request) {
    if (request.tools === undefined || request.tools === null)
        return undefined;
    if (!Array.isArray(request.tools))
        fail('invalid_type', 'tools', 'tools must be an array.');
    return request.tools.map((tool, i) => {
        if (tool?.type !== 'function') {
            return fail('unsupported_tool', `tools[${i}].type`, `tools[${i}] has type ${JSON.stringify(tool?.type)}; only function tools are available on Bedrock.`);
        }
        const t = tool;
        const fn = {
            type: 'function',
            function: { name: t.name },
        };
        if (typeof t.description === 'string')
            fn.function.description = t.description;
        if (t.parameters !== null && t.parameters !== undefined)
            fn.function.parameters = t.parameters;
        if (t.strict !== undefined)
            fn.function.strict = t.strict;
        return fn;
    });
}
function convertToolChoice(choice) {
    if (choice === undefined || choice === null)
        return undefined;
    if (choice === 'none' || choice === 'auto' || choice === 'required')
        return choice;
    if (typeof choice === 'object' && choice.type === 'function' && 'name' in choice) {
        return { type: 'function', function: { name: choice.name } };
    }
    if (typeof choice === 'object' && choice.type === 'allowed_tools' && 'mode' in choice) {
        return { type: 'allowed_tools', allowed_tools: { mode: choice.mode, tools: choice.tools } };
    }
    return fail('unsupported_parameter', 'tool_choice', 'tool_choice must be none, auto, required, a function or allowed_tools (other tool types are not available on Bedrock).');
}
function convertTextFormat(request) {
    const format = request.text?.format;
    if (format === undefined || format === null)
        return undefined;
    switch (format.type) {
        case 'text':
        case 'json_object':
            return { type: format.type };
        case 'json_schema': {
            const f = format;
            const json_schema = {
                name: f.name,
                schema: f.schema,
            };
            if (f.description !== undefined)
                json_schema.description = f.description;
            if (f.strict !== undefined)
                json_schema.strict = f.strict;
            return { type: 'json_schema', json_schema };
        }
        default:
            return fail('invalid_value', 'text.format.type', 'text.format.type must be text, json_object or json_schema.');
    }
}
/** The Responses request as the chat request the shared conversion takes. */
function toChatRequest(request, converted) {
    const chat = { model: request.model ?? '', messages: converted.messages };
    const tools = convertTools(request);
    if (tools !== undefined && tools.length > 0)
        chat.tools = tools;
    const toolChoice = convertToolChoice(request.tool_choice);
    if (toolChoice !== undefined)
        chat.tool_choice = toolChoice;
    if (typeof request.parallel_tool_calls === 'boolean')
        chat.parallel_tool_calls = request.parallel_tool_calls;
    const format = convertTextFormat(request);
    if (format !== undefined)
        chat.response_format = format;
    if (request.text?.verbosity)
        chat.verbosity = request.text.verbosity;
    if (request.reasoning?.effort)
        chat.reasoning_effort = request.reasoning.effort;
    if (request.max_output_tokens !== undefined && request.max_output_tokens !== null)
        chat.max_completion_tokens = request.max_output_tokens;
    if (request.temperature !== undefined)
        chat.temperature = request.temperature;
    if (request.top_p !== undefined)
        chat.top_p = request.top_p;
    if (request.metadata !== undefined)
        chat.metadata = request.metadata;
    if (request.service_tier !== undefined)
        chat.service_tier = request.service_tier;
    if (request.include?.includes('message.output_text.logprobs'))
        chat.logprobs = true;
    if (typeof request.top_logprobs === 'number' && request.top_logprobs > 0)
        chat.top_logprobs = request.top_logprobs;
    return chat;
}
/**
 * Responses-only fields Bedrock cannot honour, under the same parameter policy as the chat fields:
 * an error naming the field (`reject`), or left out and listed in `dropped` (`drop`).
 */
function checkResponsesFields(request, options, dropped) {
    const ctx = createConversionState(options);
    const unsupported = (param, reason) => {
        unsupportedParam(ctx, param, reason);
        dropped.push(...ctx.dropped.splice(0));
    };
    if (request.truncation === 'auto')
        unsupported('truncation', 'truncation "auto": Bedrock does not drop earlier turns to fit the context window.');
    if (request.background === true)
        unsupported('background', 'background responses are not available.');
    if (request.conversation !== undefined && request.conversation !== null)
        unsupported('conversation', 'conversations are not available; use previous_response_id.');
    if (request.prompt !== undefined && request.prompt !== null)
        unsupported('prompt', 'prompt templates are not available.');
    if (typeof request.max_tool_calls === 'number')
        unsupported('max_tool_calls', 'max_tool_calls has no Bedrock equivalent.');
    (request.include ?? []).forEach((name, i) => {
        if (!INCLUDABLE.has(name))
            fail('invalid_value', `include[${i}]`, `include[${i}]: unknown value ${JSON.stringify(name)}.`);
    });
}
/** A chat-conversion `param` in Responses terms. */
function responsesParam(param, converted) {
    const message = /^messages\[(\d+)\](\.tool_calls\[(\d+)\])?(.*)$/.exec(param);
    if (message) {
        const origin = converted.origins[Number(message[1])];
        if (origin === undefined)
            return 'input';
        if (message[2] !== undefined) {
            const call = origin.calls[Number(message[3])] ?? origin.param;
            const rest = (message[4] ?? '').replace(/^\.function\./, '.');
            return `${call}${rest}`;
        }
        const rest = message[4] ?? '';
        if (rest.startsWith('.reasoning_details'))
            return origin.reasoning ?? origin.param;
        return `${origin.param}${rest}`;
    }
    const renames = [
        [/^reasoning_effort/, 'reasoning.effort'],
        [/^response_format\.json_schema/, 'text.format'],
        [/^response_format/, 'text.format'],
        [/^max_completion_tokens|^max_tokens/, 'max_output_tokens'],
        [/^tools\[(\d+)\]\.function/, 'tools[$1]'],
        [/^tool_choice\.function/, 'tool_choice'],
        [/^logprobs$/, 'include'],
        [/^verbosity$/, 'text.verbosity'],
    ];
    for (const [pattern, replacement] of renames) {
        if (pattern.test(param))
            return param.replace(pattern, replacement);
    }
    return param;
}
/**
 * Converts an OpenAI Responses request into a Converse(Stream) input through the same
 * conversion as chat completions (content parts, tools, reasoning, caching, history repair):
 * the items become chat messages first. Pure and synchronous; throws a `validation`
 * `BedrockBridgeError` whose `param` names the Responses field at fault (`input[2].content[0]`).
 * `store` and `previous_response_id` are the caller's (see `history`, `storedItem`).
 */
export function responsesToConverseInput(request, options = {}) {
    if (typeof request !== 'object' || request === null) {
        fail('invalid_request', '', 'The request must be an object.');
    }
    const dropped = [];
    checkResponsesFields(request, options, dropped);
    const items = [];
    if (typeof request.instructions === 'string' && request.instructions !== '') {
        items.push({ item: { role: 'system', content: request.instructions }, param: 'instructions' });
    }
    (options.history ?? []).forEach((item) => {
        items.push({ item, param: 'previous_response_id' });
    });
    const input = request.input;
    if (typeof input === 'string')
        items.push({ item: { role: 'user', content: input }, param: 'input' });
    else if (Array.isArray(input))
        input.forEach((item, i) => {
            items.push({ item, param: `input[${i}]` });
        });
    else if (input !== undefined && input !== null)
        fail('invalid_type', 'input', 'input must be a string or an array of items.');
    const converted = itemsToMessages(items, options);
    if (converted.messages.length === 0)
        fail('missing_required_parameter', 'input', 'input is required.');
    try {
        const chatRequest = toChatRequest(request, converted);
        const result = toConverseInput(chatRequest, options);
        const rename = (text) => text.replace(/\b(messages\[\d+\](?:\.tool_calls\[\d+\])?[\w.[\]]*)/g, (p) => responsesParam(p, converted));
        return {
            ...result,
            chatRequest,
            dropped: [...dropped, ...result.dropped.map((p) => responsesParam(p, converted))],
            warnings: result.warnings.map(rename),
        };
    }
    catch (error) {
        if (!BedrockBridgeError.is(error) || error.param === undefined)
            throw error;
        const param = responsesParam(error.param, converted);
        if (param === error.param)
            throw error;
        const options = {
            kind: error.kind,
            message: error.message.replaceAll(error.param, param),
            param,
            cause: error,
        };
        throw new BedrockBridgeError({
            ...options,
            ...(error.code === undefined ? {} : { code: error.code }),
            ...(error.status === undefined ? {} : { status: error.status }),
        });
    }
}
