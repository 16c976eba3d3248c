import { decodeBase64, encodeBase64 } from './base64.js';
function mergeDetail(state, fragment, fallbackIndex) {
    const index = fragment.index ?? fallbackIndex;
    const known = state.details.get(index);
    if (known === undefined) {
        state.details.set(index, { ...fragment, index });
    }
    else if (known.type === 'reasoning.text' && fragment.type === 'reasoning.text') {
        known.text += fragment.text;
        if (fragment.signature !== undefined)
            known.signature = (known.signature ?? '') + fragment.signature;
    }
    else if (known.type === 'reasoning.encrypted' && fragment.type === 'reasoning.encrypted') {
        const a = decodeBase64(known.data, 'reasoning_details');
        const b = decodeBase64(fragment.data, 'reasoning_details');
        const joined = new Uint8Array(a.length + b.length);
        joined.set(a);
        joined.set(b, a.length);
        known.data = encodeBase64(joined);
    }
}
function newState() {
    return {
        content: '',
        refusal: '',
        hasRefusal: false,
        reasoning: '',
        details: new Map(),
        tools: new Map(),
        finish: null,
        bedrock: undefined,
    };
}
function toChoice(index, s) {
    const toolCalls = [...s.tools.entries()]
        .sort(([a], [b]) => a - b)
        .map(([, t]) => ({
        id: t.id,
        type: 'function',
        function: { name: t.name, arguments: t.arguments },
    }));
    const choice = {
        index,
        message: {
            role: 'assistant',
            content: s.content === '' ? null : s.content,
            refusal: s.hasRefusal ? s.refusal : null,
        },
        finish_reason: s.finish ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop'),
        logprobs: null,
    };
    if (toolCalls.length > 0)
        choice.message.tool_calls = toolCalls;
    if (s.reasoning !== '')
        choice.message.reasoning_content = s.reasoning;
    if (s.details.size > 0)
        choice.message.reasoning_details = [...s.details.entries()]
            .sort(([a], [b]) => a - b)
            .map(([, d]) => d);
    if (s.bedrock !== undefined)
        choice.bedrock = s.bedrock;
    return choice;
}
/**
 * Folds a chunk stream (ours, or any OpenAI-compatible one) into one `chat.completion`: the
 * same object `fromConverseOutput` gives for the same content. `usage` is there only when the
 * stream carried a usage chunk (`includeUsage`); without one, the result lacks just `usage`.
 */
export async function collectChatCompletion(chunks) {
    let head;
    let usage;
    const choices = new Map();
    for await (const chunk of chunks) {
        head ??= { id: chunk.id, created: chunk.created, model: chunk.model };
        if (chunk.usage)
            usage = chunk.usage;
        for (const c of chunk.choices) {
            let s = choices.get(c.index);
            if (s === undefined) {
                s = newState();
                choices.set(c.index, s);
            }
            const d = c.delta ?? {};
            if (typeof d.content === 'string')
                s.content += d.content;
            if (typeof d.refusal === 'string') {
                s.refusal += d.refusal;
                s.hasRefusal = true;
            }
            if (typeof d.reasoning_content === 'string')
                s.reasoning += d.reasoning_content;
            for (const fragment of d.reasoning_details ?? [])
                mergeDetail(s, fragment, s.details.size);
            for (const t of d.tool_calls ?? []) {
                let tool = s.tools.get(t.index);
                if (tool === undefined) {
                    tool = { id: '', name: '', arguments: '' };
                    s.tools.set(t.index, tool);
                }
                if (t.id)
                    tool.id = t.id;
                if (t.function?.name)
                    tool.name += t.function.name;
                if (t.function?.arguments)
                    tool.arguments += t.function.arguments;
            }
            if (c.finish_reason)
                s.finish = c.finish_reason;
            if (c.bedrock !== undefined)
                s.bedrock = c.bedrock;
        }
    }
    const completion = {
        id: head?.id ?? '',
        object: 'chat.completion',
        created: head?.created ?? 0,
        model: head?.model ?? '',
        choices: [...choices.entries()].sort(([a], [b]) => a - b).map(([i, s]) => toChoice(i, s)),
    };
    if (usage)
        completion.usage = usage;
    return completion;
}
