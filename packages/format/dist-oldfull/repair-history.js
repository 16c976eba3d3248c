import { cachePointBlock } from './convert-content-part.js';
import { repaired } from './param-policy.js';
import { inputToArguments } from './tool-arguments.js';
/** Visible placeholders, used only where Converse needs a block and the request has none. */
export const PLACEHOLDERS = {
    /** A tool call that never got a result. */
    missingToolResult: 'No result was provided for this tool call.',
    /** A tool result whose content was empty. */
    emptyToolResult: '(empty result)',
    /** Inserted when the conversation would start with an assistant turn. */
    conversationStart: '(conversation start)',
    /** Appended after a trailing assistant turn when the model takes no prefill. */
    continueAfterAssistant: '(continue)',
    /** Sent when the request holds no user or assistant content at all. */
    emptyConversation: '(empty conversation)',
    /** Added to a user turn that holds a document but no text (Converse requires a text block). */
    documentWithoutText: '(document attached)',
};
/**
 * The call a result with this OpenAI id answers: among the calls with that id still waiting, the
 * first one of the latest turn that has one (OpenAI ids may repeat within a turn or across turns).
 */
function takeOpenCall(open, callId) {
    const waiting = open.get(callId);
    const latest = waiting?.[waiting.length - 1]?.turn;
    if (waiting === undefined || latest === undefined)
        return undefined;
    const at = waiting.findIndex((call) => call.turn === latest);
    return waiting.splice(at, 1)[0];
}
function resultBlocks(id, given, cache, ctx, status) {
    if (given.length === 0)
        repaired(ctx, `messages: an empty tool result was sent as "${PLACEHOLDERS.emptyToolResult}".`);
    const content = given.length > 0 ? given : [{ text: PLACEHOLDERS.emptyToolResult }];
    const result = status === undefined ? { toolUseId: id, content } : { toolUseId: id, content, status };
    const blocks = [{ toolResult: result }];
    if (cache !== undefined && ctx.cacheAllowed('messages'))
        blocks.push(cachePointBlock(cache.ttl));
    return blocks;
}
/**
 * A tool result's content as user content: its text (joined, after `prefix`), then its images
 * and documents as blocks of their own.
 */
function resultAsUserBlocks(prefix, content) {
    const texts = [];
    const attachments = [];
    for (const c of content) {
        if (c.text !== undefined)
            texts.push(c.text);
        else if (c.image !== undefined)
            attachments.push({ image: c.image });
        else if (c.document !== undefined)
            attachments.push({ document: c.document });
        else if (c.json !== undefined)
            texts.push(JSON.stringify(c.json));
    }
    const text = `${prefix} ${texts.join('\n')}`;
    return [...(text.trim() === '' ? [] : [{ text }]), ...attachments];
}
/** Reasoning blocks first (Anthropic requires them at the start of an assistant turn). */
function hoistReasoning(blocks) {
    const reasoning = blocks.filter((b) => b.reasoningContent !== undefined);
    if (reasoning.length === 0 || blocks[0]?.reasoningContent !== undefined) {
        if (reasoning.every((_, i) => blocks[i]?.reasoningContent !== undefined))
            return blocks;
    }
    return [...reasoning, ...blocks.filter((b) => b.reasoningContent === undefined)];
}
/** Whether a block is a tool call or a tool result. */
function isToolBlock(block) {
    return block.toolUse !== undefined || block.toolResult !== undefined;
}
/** Tool blocks as text, for requests where the model is offered no tools. */
function toolBlocksAsText(blocks) {
    return blocks.flatMap((block) => {
        if (block.toolUse !== undefined) {
            const { toolUseId, name, input } = block.toolUse;
            return [{ text: `[tool call ${toolUseId}] ${name}(${inputToArguments(input)})` }];
        }
        if (block.toolResult !== undefined) {
            const prefix = `[tool result ${block.toolResult.toolUseId}]`;
            return resultAsUserBlocks(prefix, block.toolResult.content ?? []);
        }
        return [block];
    });
}
/** A prefill without trailing whitespace (Bedrock rejects it): the last text block trimmed. */
function trimTrailingWhitespace(blocks) {
    for (let i = blocks.length - 1; i >= 0; i--) {
        const block = blocks[i];
        if (block?.cachePoint !== undefined)
            continue;
        if (block?.text !== undefined) {
            const trimmed = block.text.trimEnd();
            if (trimmed === '')
                blocks.splice(i, 1);
            else
                blocks[i] = { text: trimmed };
        }
        return blocks;
    }
    return blocks;
}
/**
 * Makes a history Converse accepts, without losing content:
 * consecutive same-role turns merged; each turn's tool results grouped (in call order, before
 * any other user content) into the user turn right after the assistant turn that called them;
 * a result answers the first waiting call with its id in the latest turn that has one (tool-call
 * ids may repeat; the calls already got unique Bedrock ids); a call without a result gets an
 * error result saying so; a result without a matching earlier call becomes user text; the first
 * turn is a user turn; a trailing assistant turn is kept as a prefill only when `supportsPrefill`
 * and nothing blocks it; tool blocks become text when no tools are offered; a user turn with a
 * document but no text gets a placeholder text.
 */
export function repairHistory(items, ctx, repair) {
    const turns = [];
    const open = new Map();
    const push = (role, blocks, calls = []) => {
        if (blocks.length === 0)
            return;
        const last = turns[turns.length - 1];
        let turn;
        if (last !== undefined && last.role === role && !last.closed) {
            turn = last;
            turn.blocks.push(...blocks);
            turn.calls.push(...calls);
        }
        else {
            turn = { role, blocks, calls: [...calls], results: new Map(), closed: false };
            turns.push(turn);
        }
        for (const { callId, toolUseId } of calls) {
            const waiting = open.get(callId);
            if (waiting === undefined)
                open.set(callId, [{ turn, toolUseId }]);
            else
                waiting.push({ turn, toolUseId });
        }
    };
    for (const item of items) {
        if (item.kind === 'user')
            push('user', item.blocks);
        else if (item.kind === 'assistant')
            push('assistant', item.blocks, item.calls);
        else {
            const call = takeOpenCall(open, item.callId);
            if (call !== undefined) {
                const blocks = resultBlocks(call.toolUseId, item.content, item.cache, ctx);
                call.turn.results.set(call.toolUseId, blocks);
                call.turn.closed = true;
            }
            else {
                repaired(ctx, `messages: the result of tool call ${item.callId} answers no earlier call; it was sent as user text.`);
                const blocks = resultAsUserBlocks(`[tool result ${item.callId}]`, item.content);
                if (blocks.length > 0 && item.cache !== undefined && ctx.cacheAllowed('messages'))
                    blocks.push(cachePointBlock(item.cache.ttl));
                push('user', blocks);
            }
        }
    }
    const messages = [];
    let carry = [];
    for (const turn of turns) {
        if (turn.role === 'assistant') {
            if (carry.length > 0)
                messages.push({ role: 'user', content: carry });
            messages.push({ role: 'assistant', content: hoistReasoning(turn.blocks) });
            carry = [];
            for (const { toolUseId, callId } of turn.calls) {
                const found = turn.results.get(toolUseId);
                if (found === undefined) {
                    repaired(ctx, `messages: tool call ${callId} has no result; "${PLACEHOLDERS.missingToolResult}" was sent as its result.`);
                }
                carry.push(...(found ??
                    resultBlocks(toolUseId, [{ text: PLACEHOLDERS.missingToolResult }], undefined, ctx, 'error')));
            }
        }
        else {
            messages.push({ role: 'user', content: [...carry, ...turn.blocks] });
            carry = [];
        }
    }
    if (carry.length > 0)
        messages.push({ role: 'user', content: carry });
    if (messages.length === 0) {
        repaired(ctx, `messages: no user or assistant content; the user turn "${PLACEHOLDERS.emptyConversation}" was sent.`);
        return [{ role: 'user', content: [{ text: PLACEHOLDERS.emptyConversation }] }];
    }
    if (messages[0]?.role === 'assistant') {
        repaired(ctx, `messages: the conversation starts with an assistant turn; the user turn "${PLACEHOLDERS.conversationStart}" was sent before it.`);
        messages.unshift({ role: 'user', content: [{ text: PLACEHOLDERS.conversationStart }] });
    }
    const last = messages[messages.length - 1];
    if (last?.role === 'assistant') {
        const supported = ctx.options.supportsPrefill === true;
        if (supported && repair.prefillBlockedBy === undefined) {
            const blocks = trimTrailingWhitespace(last.content ?? []);
            if (blocks.length === 0)
                messages.pop();
            else
                last.content = blocks;
        }
        else {
            repaired(ctx, supported
                ? `messages: the trailing assistant message is not sent as a prefill (${repair.prefillBlockedBy}); a user turn "${PLACEHOLDERS.continueAfterAssistant}" follows it.`
                : `messages: the model takes no prefill; a user turn "${PLACEHOLDERS.continueAfterAssistant}" follows the trailing assistant message.`);
            messages.push({ role: 'user', content: [{ text: PLACEHOLDERS.continueAfterAssistant }] });
        }
    }
    if (!repair.toolsOffered) {
        // Every tool block becomes text, so the history changes exactly when it holds one (no
        // JSON.stringify of the whole history to find out: a large prompt made that a hot spot).
        let changed = false;
        for (const message of messages) {
            const content = message.content ?? [];
            if (content.some(isToolBlock)) {
                changed = true;
                message.content = toolBlocksAsText(content);
            }
        }
        if (changed) {
            repaired(ctx, 'messages: tool calls and results in the history were sent as text, because no tools are offered to the model in this request.');
        }
    }
    for (const message of messages) {
        if (message.role === 'user' && message.content && addTextNextToDocuments(message.content)) {
            repaired(ctx, `messages: a user turn with a document and no text got the text "${PLACEHOLDERS.documentWithoutText}".`);
        }
    }
    return messages;
}
/**
 * Converse rejects a message with a document block but no text block: such a user turn gets a
 * visible placeholder text after its content (before trailing cache points, so they still end
 * the turn).
 */
function addTextNextToDocuments(content) {
    let hasDocument = false;
    for (const block of content) {
        if (block.text !== undefined)
            return false;
        if (block.document !== undefined)
            hasDocument = true;
    }
    if (!hasDocument)
        return false;
    let at = content.length;
    while (at > 0 && content[at - 1]?.cachePoint !== undefined)
        at--;
    content.splice(at, 0, { text: PLACEHOLDERS.documentWithoutText });
    return true;
}
