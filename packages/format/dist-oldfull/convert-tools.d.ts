import type { ToolConfiguration } from '@aws-sdk/client-bedrock-runtime';
import { type ConversionState } from './conversion-state.js';
import type { ChatCompletionRequest } from './openai-request.js';
/** The outcome of tool conversion. */
export interface ConvertedTools {
    /** Present only when tools are offered to the model. */
    toolConfig?: ToolConfiguration;
    /** When false, tool calls/results in the history must be rendered as text. */
    offered: boolean;
    /**
     * `parallel_tool_calls: false` on a model that takes Anthropic's switch: the request's
     * `additionalModelRequestFields.tool_choice` (with `disable_parallel_tool_use: true`).
     */
    anthropicToolChoice?: Record<string, unknown>;
}
/** A JSON schema usable as `inputSchema.json`: an object schema, `{}` when missing. */
export declare function objectSchema(parameters: unknown): Record<string, unknown>;
/**
 * A function's `parameters` as a Converse `inputSchema.json`, which must be a JSON schema of
 * type `"object"`: missing (or `null`) and `{}` become `{ type: 'object', properties: {} }`, a
 * schema without `type` is an object schema (`type: 'object'` added); anything else (another
 * `type`, an array, a string...) is a `validation` error (code `invalid_tool_parameters`) naming
 * `param`.
 */
export declare function toolInputSchema(parameters: unknown, param: string): Record<string, unknown>;
/**
 * OpenAI `tools`/`functions` + `tool_choice`/`function_call` -> Converse `toolConfig`.
 * `tool_choice: none`, a model without tool use, or no tools at all mean no `toolConfig`: the
 * caller then renders tool history as text (Converse has no "none" choice, and it rejects tool
 * blocks in the history without a `toolConfig`).
 */
export declare function convertTools(request: ChatCompletionRequest, ctx: ConversionState): ConvertedTools;
