import type { ConverseResponse } from '@aws-sdk/client-bedrock-runtime';
import { type AnswerOptions } from './answer-options.js';
import type { BedrockChoiceExtension, ChatCompletion, ServerToolUse } from './openai-answer.js';
/** The parts of a Converse answer this conversion reads. */
export type ConverseAnswer = Pick<ConverseResponse, 'output' | 'stopReason'> & Partial<Pick<ConverseResponse, 'usage' | 'trace' | 'additionalModelResponseFields'>>;
/** Facts of an answer that go into the choice's `bedrock` extension. */
export interface ExtensionFacts {
    stopReason: string;
    unmapped: boolean;
    citations: unknown[];
    trace: unknown;
    additional: unknown;
    serverToolUses: ServerToolUse[];
    /** Text the model wrote around the structured-output tool call (not part of the JSON). */
    preamble: string;
}
/** Builds the `bedrock` extension of a choice, leaving out empty facts. */
export declare function choiceExtension(facts: ExtensionFacts): BedrockChoiceExtension;
/**
 * A Converse answer -> an OpenAI `chat.completion`: text blocks concatenated into `content`
 * (`null` when there is none), tool calls with JSON-string arguments and original names,
 * reasoning in `reasoning_content` + `reasoning_details`, citations/trace/raw stop reason in the
 * choice's `bedrock` extension, usage with cached tokens.
 */
export declare function fromConverseOutput(output: ConverseAnswer, options: AnswerOptions): ChatCompletion;
