import { type ConverseAnswer } from '../from-converse-output.js';
import type { ReasoningDetail } from '../openai-request.js';
import { type ResponseAnswerOptions } from './response-shell.js';
import type { Response, ResponseReasoning } from './responses-answer.js';
/** One reasoning block -> a reasoning item (summary text; sealed blocks when a seal is given). */
export declare function reasoningItem(id: string, detail: ReasoningDetail, options: ResponseAnswerOptions, status?: 'completed' | 'incomplete'): ResponseReasoning;
/**
 * A Converse answer -> an OpenAI Responses `response` object, through the chat conversion
 * (`fromConverseOutput`): one `reasoning` item per reasoning block (its text as the summary, its
 * blocks sealed in `encrypted_content` when `sealReasoning` is given), a `message` item with the
 * text, one `function_call` item per tool call; `status` `incomplete` with
 * `incomplete_details.reason` when the answer hit the token limit or a content filter.
 */
export declare function responseFromConverseOutput(output: ConverseAnswer, options: ResponseAnswerOptions): Response;
