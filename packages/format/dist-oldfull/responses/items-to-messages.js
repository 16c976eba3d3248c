import { invalidRequest } from '../invalid-request.js';
function textPart(text) {
    return { type: 'text', text };
}
function fail(param, message, code = 'invalid_value') {
    throw invalidRequest(code, param, message);
}
/** One content part of a message (or of a function output) -> a chat content part. */
function contentPart(part, param) {
    const p = part;
    const type = typeof p === 'object' && p !== null ? p.type : undefined;
    switch (type) {
        case 'input_text':
        case 'output_text':
            if (typeof p?.text !== 'string')
                fail(`${param}.text`, `${param}.text must be a string.`);
            return textPart(p.text);
        case 'refusal':
            return { refusal: String(p?.refusal ?? '') };
        case 'input_image': {
            if (typeof p?.file_id === 'string')
                fail(`${param}.file_id`, 'Uploaded files (file_id) are not available on this gateway; send image_url as a data: URL.', 'unsupported_parameter');
            if (typeof p?.image_url !== 'string' || p.image_url === '')
                fail(`${param}.image_url`, `${param}.image_url must be a URL.`);
            const detail = p.detail === 'original' ? 'high' : p.detail;
            return {
                type: 'image_url',
                image_url: detail ? { url: p.image_url, detail } : { url: p.image_url },
            };
        }
        case 'input_file': {
            for (const field of ['file_id', 'file_url']) {
                if (typeof p?.[field] === 'string')
                    fail(`${param}.${field}`, `${field} is not available on this gateway; send file_data.`, 'unsupported_parameter');
            }
            if (typeof p?.file_data !== 'string')
                fail(`${param}.file_data`, `${param}.file_data must be a string.`);
            const file = { file_data: p.file_data };
            if (typeof p.filename === 'string')
                file.filename = p.filename;
            return { type: 'file', file };
        }
        default:
            return fail(`${param}.type`, `${param} has type ${JSON.stringify(type)}; expected input_text, input_image, input_file or output_text.`);
    }
}
function textOnly(parts, param) {
    return parts.map((part, i) => {
        if ('type' in part && part.type === 'text')
            return part;
        return fail(`${param}[${i}]`, `${param}[${i}] must be text here.`);
    });
}
function reasoningDetails(item, param, options) {
    let sealed = item.encrypted_content;
    if (typeof sealed !== 'string' || sealed === '') {
        const stored = typeof item.id === 'string' ? options.storedItem?.(item.id) : undefined;
        if (stored?.type === 'reasoning')
            sealed = stored.encrypted_content;
    }
    if (typeof sealed === 'string' && sealed !== '') {
        const opened = options.openReasoning?.(sealed);
        if (opened === undefined) {
            fail(`${param}.encrypted_content`, `${param}.encrypted_content cannot be opened: it was not sealed by this gateway's key, or it was altered.`, 'invalid_encrypted_content');
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
export function itemsToMessages(items, options) {
    const messages = [];
    const origins = [];
    let assistant;
    let turnClosed = false;
    const openAssistant = (param) => {
        if (assistant === undefined || turnClosed) {
            assistant = { role: 'assistant', content: null };
            turnClosed = false;
            messages.push(assistant);
            origins.push({ param, calls: [] });
        }
        return assistant;
    };
    const origin = () => origins[origins.length - 1];
    for (const { item: raw, param } of items) {
        if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
            fail(param, `${param} must be an object.`);
        }
        let item = raw;
        let where = param;
        if (item.type === 'item_reference') {
            const stored = options.storedItem?.(item.id);
            if (stored === undefined) {
                fail(`${param}.id`, `${param}.id: no stored item ${JSON.stringify(item.id)} (it may have expired or been deleted).`, 'item_not_found');
            }
            item = stored;
            where = `${param}.id`;
        }
        const type = item.type ?? 'message';
        switch (type) {
            case 'message': {
                const m = item;
                const parts = typeof m.content === 'string'
                    ? m.content
                    : Array.isArray(m.content)
                        ? m.content.map((part, j) => contentPart(part, `${where}.content[${j}]`))
                        : fail(`${where}.content`, `${where}.content must be a string or an array of parts.`);
                if (m.role === 'assistant') {
                    const message = openAssistant(where);
                    const texts = typeof parts === 'string'
                        ? parts
                        : parts.map((p) => ('refusal' in p ? p.refusal : 'text' in p ? p.text : '')).join('');
                    message.content = `${message.content ?? ''}${texts}`;
                    if (texts !== '' && (message.tool_calls?.length ?? 0) > 0)
                        turnClosed = true;
                    break;
                }
                assistant = undefined;
                if (m.role === 'user') {
                    const content = typeof parts === 'string' ? parts : parts;
                    if (typeof parts !== 'string' && parts.some((p) => !('type' in p)))
                        fail(`${where}.content`, `${where}.content: a user message cannot hold a refusal.`);
                    messages.push({ role: 'user', content });
                }
                else if (m.role === 'system' || m.role === 'developer') {
                    const content = typeof parts === 'string' ? parts : textOnly(parts, `${where}.content`);
                    messages.push({ role: m.role, content });
                }
                else {
                    fail(`${where}.role`, `${where}.role must be user, assistant, system or developer.`);
                }
                origins.push({ param: where, calls: [] });
                break;
            }
            case 'function_call': {
                const call = item;
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
                const details = reasoningDetails(item, where, options);
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
                const out = item;
                if (typeof out.call_id !== 'string')
                    fail(`${where}.call_id`, `${where}.call_id must be a string.`);
                const content = typeof out.output === 'string'
                    ? out.output
                    : Array.isArray(out.output)
                        ? out.output.map((p, j) => {
                            // Text, images and documents: Converse takes all three in a tool result.
                            const part = contentPart(p, `${where}.output[${j}]`);
                            if ('refusal' in part)
                                fail(`${where}.output[${j}]`, 'A refusal cannot be a tool result.');
                            return part;
                        })
                        : fail(`${where}.output`, `${where}.output must be a string or an array of parts.`);
                messages.push({ role: 'tool', tool_call_id: out.call_id, content });
                origins.push({ param: where, calls: [] });
                break;
            }
            default:
                fail(`${where}.type`, `${where} has type ${JSON.stringify(type)}; this gateway takes message, function_call, function_call_output, reasoning and item_reference items.`, 'unsupported_item_type');
        }
    }
    return { messages, origins };
}
