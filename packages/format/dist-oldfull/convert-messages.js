import { cacheMarkOf, cacheTtl, hasCacheMarker, } from './conversion-state.js';
import { cachePointBlock, convertUserContent, textBlocks, textOfContent, } from './convert-content-part.js';
import { convertToolResult } from './convert-tool-result.js';
import { invalidRequest } from './invalid-request.js';
import { unsupportedParam } from './param-policy.js';
import { reasoningBlocks } from './reasoning.js';
import { argumentsToInput } from './tool-arguments.js';
function systemBlocks(content, ctx, param) {
    const blocks = [];
    if (typeof content === 'string') {
        if (content.trim() !== '')
            blocks.push({ text: content });
        return blocks;
    }
    if (!Array.isArray(content)) {
        throw invalidRequest('invalid_content', param, `${param} must be a string or an array of text parts.`);
    }
    content.forEach((part, i) => {
        const text = textOfContent([part], `${param}[${i}]`);
        if (text.trim() === '')
            return;
        blocks.push({ text });
        if (hasCacheMarker(part) && ctx.cacheAllowed('system')) {
            blocks.push(cachePointBlock(cacheTtl(part)));
        }
    });
    return blocks;
}
function assistantItem(message, ctx, param, legacyCalls) {
    const blocks = [];
    if (ctx.replayReasoning && Array.isArray(message.reasoning_details)) {
        const detailsParam = `${param}.reasoning_details`;
        for (const block of reasoningBlocks(message.reasoning_details, detailsParam, ctx)) {
            blocks.push(block);
        }
    }
    for (const block of convertUserContent(message.content, ctx, `${param}.content`)) {
        if (block.document !== undefined || block.image !== undefined) {
            throw invalidRequest('invalid_content_part', `${param}.content`, `${param}: assistant content may hold only text and refusal parts.`);
        }
        blocks.push(block);
    }
    if (typeof message.refusal === 'string')
        blocks.push(...textBlocks(message.refusal));
    if (message.audio !== undefined && message.audio !== null) {
        unsupportedParam(ctx, `${param}.audio`, 'Bedrock has no audio answers to refer to.');
    }
    const calls = [];
    const addCall = (callId, name, args, callParam, cache) => {
        if (typeof name !== 'string' || name === '') {
            throw invalidRequest('invalid_tool_call', callParam, `${callParam}: a tool call needs a function name.`);
        }
        const toolUseId = ctx.toolUseIds.allocate(callId);
        const input = argumentsToInput(typeof args === 'string' ? args : JSON.stringify(args ?? {}));
        blocks.push({
            toolUse: { toolUseId, name: ctx.toolNames.toBedrock(name), input: input },
        });
        if (ctx.cacheAllowed('messages'))
            endWithCachePoint(blocks, cache);
        calls.push({ callId, toolUseId });
    };
    (message.tool_calls ?? []).forEach((call, i) => {
        const callParam = `${param}.tool_calls[${i}]`;
        if (call?.type !== 'function') {
            throw invalidRequest('unsupported_tool_type', callParam, `${callParam}: only function tool calls are supported.`);
        }
        // An empty id is still an id: a tool message answering "" pairs with it (the Bedrock id
        // allocated for it is valid and unique). Only a missing id gets a generated one.
        const id = typeof call.id === 'string' ? call.id : `call_${param.replace(/\W+/g, '_')}_${i}`;
        addCall(id, call.function?.name, call.function?.arguments, callParam, cacheMarkOf(call));
    });
    if (message.function_call) {
        const id = `call_fn_${param.replace(/\W+/g, '_')}`;
        legacyCalls.push({ name: message.function_call.name, id });
        addCall(id, message.function_call.name, message.function_call.arguments, `${param}.function_call`);
    }
    return { kind: 'assistant', blocks, calls };
}
/**
 * A cache point after `blocks` for a message- or tool-call-level marker, unless there is nothing
 * to cache or a cache point already ends them.
 */
function endWithCachePoint(blocks, mark) {
    if (mark === undefined || blocks.length === 0)
        return;
    if (blocks[blocks.length - 1]?.cachePoint !== undefined)
        return;
    blocks.push(cachePointBlock(mark.ttl));
}
/**
 * OpenAI messages -> system blocks + history items. `system`/`developer` go to the system
 * prompt wherever they appear; `tool` and legacy `function` messages become results that
 * `repairHistory` places after the turn that called them.
 */
export function convertMessages(messages, ctx) {
    if (!Array.isArray(messages)) {
        throw invalidRequest('invalid_messages', 'messages', 'messages must be an array.');
    }
    if (messages.length === 0) {
        throw invalidRequest('empty_messages', 'messages', 'messages must hold at least one message.');
    }
    const system = [];
    const items = [];
    const legacyCalls = [];
    messages.forEach((raw, i) => {
        const param = `messages[${i}]`;
        if (typeof raw !== 'object' || raw === null) {
            throw invalidRequest('invalid_message', param, `${param} must be an object with a role.`);
        }
        const message = raw;
        const role = message.role;
        switch (message.role) {
            case 'system':
            case 'developer': {
                const blocks = systemBlocks(message.content, ctx, `${param}.content`);
                if (ctx.cacheAllowed('system'))
                    endWithCachePoint(blocks, cacheMarkOf(message));
                system.push(...blocks);
                return;
            }
            case 'user': {
                const blocks = convertUserContent(message.content, ctx, `${param}.content`);
                if (ctx.cacheAllowed('messages'))
                    endWithCachePoint(blocks, cacheMarkOf(message));
                items.push({ kind: 'user', blocks });
                return;
            }
            case 'assistant': {
                const item = assistantItem(message, ctx, param, legacyCalls);
                if (ctx.cacheAllowed('messages'))
                    endWithCachePoint(item.blocks, cacheMarkOf(message));
                items.push(item);
                return;
            }
            case 'tool': {
                if (typeof message.tool_call_id !== 'string') {
                    throw invalidRequest('invalid_tool_message', `${param}.tool_call_id`, `${param}.tool_call_id must be a string.`);
                }
                const { content, cache } = convertToolResult(message, ctx, `${param}.content`);
                items.push({ kind: 'result', callId: message.tool_call_id, content, cache });
                return;
            }
            case 'function': {
                const index = legacyCalls.findIndex((call) => call.name === message.name);
                const call = index >= 0 ? legacyCalls.splice(index, 1)[0] : undefined;
                const text = textOfContent(message.content, `${param}.content`);
                items.push({
                    kind: 'result',
                    callId: call?.id ?? `call_fn_orphan_${i}`,
                    content: text.trim() === '' ? [] : [{ text }],
                    cache: undefined,
                });
                return;
            }
            default: {
                const shown = typeof role === 'string' ? `"${role}"` : String(role);
                throw invalidRequest('unknown_role', `${param}.role`, `${param} has role ${shown}; expected system, developer, user, assistant, tool or function.`);
            }
        }
    });
    return { system, items };
}
