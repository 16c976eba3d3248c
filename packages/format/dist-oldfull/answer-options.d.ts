/** Options of `fromConverseOutput` and `fromConverseStream`. */
export interface AnswerOptions {
    /** The model name reported in the answer (usually the request's `model`). Required. */
    model: string;
    /** Bedrock tool name -> original name, from `toConverseInput(...).toolNames`. Default: `{}`. */
    toolNames?: Readonly<Record<string, string>>;
    /**
     * Name of the forced tool that carried `response_format` (from `toConverseInput(...).answer`):
     * its input becomes the text content instead of a tool call. Default: unset.
     */
    structuredOutputTool?: string;
    /** The completion id. Default: `chatcmpl-` + a random UUID. */
    id?: string;
    /** Creation time in Unix seconds. Default: now. */
    created?: number;
    /** Streams only: send a final usage chunk (OpenAI's `stream_options.include_usage`). Default: `false`. */
    includeUsage?: boolean;
}
export declare function answerId(options: AnswerOptions): string;
export declare function answerCreated(options: AnswerOptions): number;
