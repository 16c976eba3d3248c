/**
 * How tool-call arguments that are not a JSON object travel through Bedrock (whose `toolUse.input`
 * must be a JSON object): they are wrapped as `{ "__raw_arguments": "<exactly what was written>" }`.
 * The answer side unwraps that shape back to the original string, so nothing is lost or invented.
 */
export declare const RAW_ARGUMENTS_KEY = "__raw_arguments";
type JsonObject = {
    [key: string]: unknown;
};
/**
 * OpenAI `arguments` string -> Bedrock `toolUse.input`. An empty or whitespace-only string means
 * "no arguments" and becomes `{}`; a JSON object is parsed; anything else is kept raw.
 */
export declare function argumentsToInput(args: string): JsonObject;
/** Bedrock `toolUse.input` -> OpenAI `arguments` string (unwrapping raw arguments). */
export declare function inputToArguments(input: unknown): string;
export {};
