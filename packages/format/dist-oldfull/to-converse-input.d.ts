import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import type { ToConverseInputOptions } from './converse-input-options.js';
import type { ChatCompletionRequest } from './openai-request.js';
/**
 * The answer options that come from the request: what the answer side needs to know about it
 * (spread them into `fromConverseOutput` / `fromConverseStream` options).
 */
export interface AnswerOptionsFromRequest {
    /** Bedrock tool name -> original OpenAI name, for tools that had to be renamed. */
    toolNames: Record<string, string>;
    /** Set when `response_format` went through a forced tool: its input becomes the text answer. */
    structuredOutputTool?: string;
    /** The request's `stream_options.include_usage`. */
    includeUsage: boolean;
}
/** @deprecated Renamed `AnswerOptionsFromRequest` ("context" is the model's context window only). */
export type AnswerContext = AnswerOptionsFromRequest;
/** The result of `toConverseInput`. */
export interface ConverseInputResult {
    /** A `ConverseStreamCommandInput` (also a valid `ConverseCommandInput`). */
    input: ConverseStreamCommandInput;
    /** Bedrock tool name -> original name, for renamed tools (same as `answer.toolNames`). */
    toolNames: Record<string, string>;
    /** Everything the answer side needs: `fromConverseOutput(out, { model, ...answer })`. */
    answer: AnswerOptionsFromRequest;
    /**
     * Request fields left out: unsupported by the model (under `paramPolicy: 'drop'`), or hints
     * that cannot change the answer (`user`, `messages[i].name`, ...).
     */
    dropped: string[];
    /**
     * Everything else not sent as asked, each entry starting with the field: values adjusted
     * under `paramPolicy: 'drop'` (a temperature clamped, a forced tool choice sent as auto) and
     * every repair that changes what the model reads (a placeholder turn or tool result, tool
     * history sent as text).
     */
    warnings: string[];
}
/**
 * Converts an OpenAI chat-completions request into a Converse(Stream) input. Pure and
 * synchronous; throws a `BedrockBridgeError` of kind `validation` (with `code` and `param`) for
 * anything Bedrock cannot express, unless an option says to drop it.
 */
export declare function toConverseInput(request: ChatCompletionRequest, options?: ToConverseInputOptions): ConverseInputResult;
