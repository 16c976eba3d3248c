/**
 * How tool-call arguments that are not a JSON object travel through Bedrock (whose `toolUse.input`
 * must be a JSON object): they are wrapped as `{ "__raw_arguments": "<exactly what was written>" }`.
 * The answer side unwraps that shape back to the original string, so nothing is lost or invented.
 */
export const RAW_ARGUMENTS_KEY = '__raw_arguments';
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * OpenAI `arguments` string -> Bedrock `toolUse.input`. An empty or whitespace-only string means
 * "no arguments" and becomes `{}`; a JSON object is parsed; anything else is kept raw.
 */
export function argumentsToInput(args) {
    if (args.trim() === '')
        return {};
    try {
        const parsed = JSON.parse(args);
        if (isPlainObject(parsed))
            return parsed;
    }
    catch {
        // not JSON: kept as written below
    }
    return { [RAW_ARGUMENTS_KEY]: args };
}
/** Bedrock `toolUse.input` -> OpenAI `arguments` string (unwrapping raw arguments). */
export function inputToArguments(input) {
    if (isPlainObject(input)) {
        const raw = input[RAW_ARGUMENTS_KEY];
        if (typeof raw === 'string' && Object.keys(input).length === 1)
            return raw;
    }
    return JSON.stringify(input ?? {});
}
