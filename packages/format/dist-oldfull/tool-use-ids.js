import { toBedrockToolUseId } from './tool-names.js';
/**
 * Bedrock tool-use ids for the tool calls of one conversation. Bedrock (and Anthropic behind it)
 * requires every `toolUseId` to be unique across the whole conversation, while an OpenAI history
 * may repeat an id, in one assistant message or in different turns. The first call with an id
 * gets `toBedrockToolUseId(id)`; each later one gets that id with the first free suffix `_2`,
 * `_3`, ... (at most 64 characters). Deterministic: the same history always gets the same ids.
 */
export class ToolUseIds {
    #used = new Set();
    /** A Bedrock id, unused so far in this conversation, for the next call with this OpenAI id. */
    allocate(callId) {
        const base = toBedrockToolUseId(callId);
        let candidate = base;
        for (let n = 2; this.#used.has(candidate); n++) {
            const suffix = `_${n}`;
            candidate = `${base.slice(0, 64 - suffix.length)}${suffix}`;
        }
        this.#used.add(candidate);
        return candidate;
    }
}
