/** Bedrock tool names: `[a-zA-Z0-9_-]{1,64}`. */
const VALID_TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** Bedrock tool-use ids (current API reference): `[a-zA-Z0-9_.:-]{1,64}`. */
const VALID_TOOL_USE_ID = /^[a-zA-Z0-9_.:-]{1,64}$/;
const INVALID_CHARS = /[^a-zA-Z0-9_-]+/g;
export function isValidToolName(name) {
    return VALID_TOOL_NAME.test(name);
}
export function isValidToolUseId(id) {
    return VALID_TOOL_USE_ID.test(id);
}
/** FNV-1a, 32 bits, as 7 base-36 characters: a short, stable fingerprint of a string. */
function fingerprint(text) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193);
    }
    return (hash >>> 0).toString(36).padStart(7, '0');
}
/** A valid name derived from `original`: readable prefix plus a fingerprint of the original. */
function sanitize(original) {
    const readable = original.replace(INVALID_CHARS, '_').slice(0, 55) || 'tool';
    return `${readable}_${fingerprint(original)}`;
}
/**
 * A reversible mapping between OpenAI tool names and Bedrock-valid ones. Valid names are kept;
 * others get a readable prefix plus a fingerprint, and `toOriginal` restores them in answers.
 */
export class ToolNameMap {
    #toBedrock = new Map();
    #toOriginal = new Map();
    /** The Bedrock name for an OpenAI name (stable across calls and requests). */
    toBedrock(original) {
        const known = this.#toBedrock.get(original);
        if (known !== undefined)
            return known;
        let candidate = isValidToolName(original) ? original : sanitize(original);
        for (let n = 2; this.#toOriginal.has(candidate); n++) {
            candidate = `${sanitize(original).slice(0, 60)}_${n}`;
        }
        this.#toBedrock.set(original, candidate);
        this.#toOriginal.set(candidate, original);
        return candidate;
    }
    /** Only the renamed entries, Bedrock name -> original name (what answers need). */
    renamed() {
        const out = {};
        for (const [bedrock, original] of this.#toOriginal) {
            if (bedrock !== original)
                out[bedrock] = original;
        }
        return out;
    }
}
/** A Bedrock-valid tool-use id for an OpenAI tool-call id (deterministic, so results still match). */
export function toBedrockToolUseId(id) {
    if (isValidToolUseId(id))
        return id;
    return sanitize(id).slice(-64);
}
/** The original name for a Bedrock tool name, given the map `toConverseInput` returned. */
export function restoreToolName(name, toolNames) {
    if (toolNames === undefined)
        return name;
    return Object.hasOwn(toolNames, name) ? (toolNames[name] ?? name) : name;
}
