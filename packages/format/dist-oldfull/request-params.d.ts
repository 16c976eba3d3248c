import type { ConverseStreamCommandInput, InferenceConfiguration, Tool } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
import type { ChatCompletionRequest } from './openai-request.js';
/** Name of the forced tool used for `response_format` when `structuredOutput: 'tool'`. */
export declare const STRUCTURED_OUTPUT_TOOL = "structured_output";
/** Fields with no Bedrock meaning: an error naming the field, or dropped when allowed. */
export declare function checkUnsupportedFields(request: ChatCompletionRequest, ctx: ConversionState): void;
/** `max_tokens`/`max_completion_tokens`, `temperature`, `top_p`, `stop` -> inferenceConfig. */
export declare function inferenceConfig(request: ChatCompletionRequest, ctx: ConversionState): InferenceConfiguration;
/** `metadata` (plus the option's) -> `requestMetadata`, checked against Bedrock's rules. */
export declare function requestMetadata(request: ChatCompletionRequest, ctx: ConversionState): Record<string, string> | undefined;
/** What `response_format` adds: native `outputConfig`, or a forced tool. */
export interface StructuredOutput {
    outputConfig?: NonNullable<ConverseStreamCommandInput['outputConfig']>;
    tool?: Tool;
    /** A system instruction to append (`json_object`: answer with a JSON object). */
    instruction?: string;
}
/** The system instruction `json_object` adds (no schema to force, so the model is asked). */
export declare const JSON_OBJECT_INSTRUCTION = "Respond with a single valid JSON object and nothing else: no text before or after it, no code fences.";
/**
 * `response_format` -> Converse. `json_schema` goes to native structured output
 * (`outputConfig.textFormat`) or, with `structuredOutput: 'tool'`, to a forced tool whose input
 * schema is the requested schema; the schema sent to `outputConfig` is the subset Bedrock
 * compiles (`toOutputSchema`: closed objects, unenforceable constraints moved into descriptions).
 * `json_object` ("any JSON object") has no schema to enforce: an open `{ type: 'object' }` schema,
 * forced or compiled, is answered with `{}` (Claude closes every object), so the model is asked
 * instead, with a system instruction (`JSON_OBJECT_INSTRUCTION`).
 */
export declare function structuredOutput(request: ChatCompletionRequest, ctx: ConversionState): StructuredOutput;
