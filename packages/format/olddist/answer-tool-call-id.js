const NOT_ID_CHARS = /[^a-zA-Z0-9_-]+/g;
/**
 * The OpenAI `tool_calls[].id` for a Converse `toolUse`: its own `toolUseId`, or, when the model
 * sent none (absent or empty), `call_<completion id>_<n>` where `n` is the tool call's index in
 * the answer. Stable (a whole answer and its stream give the same id for the same completion
 * id), unique (the completion id is), and a valid Bedrock tool-use id, so the call and its result
 * still pair up when the client sends them back.
 */
export function answerToolCallId(toolUseId, completionId, index) {
    if (typeof toolUseId === 'string' && toolUseId !== '')
        return toolUseId;
    const base = completionId.replace(/^chatcmpl-/, '').replace(NOT_ID_CHARS, '_');
    return `call_${base.slice(0, 48)}_${index}`;
}
