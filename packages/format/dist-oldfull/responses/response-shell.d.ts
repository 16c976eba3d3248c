import type { CompletionUsage, FinishReason } from '../openai-answer.js';
import type { ReasoningDetail } from '../openai-request.js';
import type { AnswerOptionsFromRequest } from '../to-converse-input.js';
import type { Response, ResponseError, ResponseUsage } from './responses-answer.js';
import type { ResponsesRequest } from './responses-request.js';
/** Options of `responseFromConverseOutput` and `responseEventsFromConverseStream`. */
export interface ResponseAnswerOptions extends Partial<Omit<AnswerOptionsFromRequest, 'includeUsage'>> {
    /** The request being answered: its fields are echoed in the `response` object. Required. */
    request: ResponsesRequest;
    /** The model name reported. Default: `request.model`. */
    model?: string;
    /** The response id. Default: `resp_` + a random hex id. */
    id?: string;
    /** Creation time in Unix seconds. Default: now. */
    created?: number;
    /** Item ids (`msg_`, `fc_`, `rs_` + this). Default: random hex ids. */
    newId?: (prefix: 'msg' | 'fc' | 'rs') => string;
    /**
     * Seals a reasoning item's Bedrock blocks (text, signature, redacted bytes) into its
     * `encrypted_content`. Default: none (reasoning items carry no `encrypted_content`).
     */
    sealReasoning?: (details: ReasoningDetail[]) => string;
}
export declare function randomHex(): string;
export declare function itemIds(options: ResponseAnswerOptions): (prefix: 'msg' | 'fc' | 'rs') => string;
/** The `response` object around an answer: the request's settings echoed, no output yet. */
export declare function responseShell(options: ResponseAnswerOptions): Response;
/** Chat usage -> Responses usage (reasoning tokens: the chat conversion's estimate). */
export declare function toResponseUsage(usage: CompletionUsage): ResponseUsage;
/** Sets `output` and `output_text`. */
export declare function setOutput(response: Response, items: Response['output']): void;
/**
 * Sets `status` and `incomplete_details` from the finish reason. No finish reason (events that
 * never said the answer finished) is `incomplete`, never `completed`.
 */
export declare function finishResponse(response: Response, finish: FinishReason | undefined): void;
/**
 * A failure as the `error` of a failed response (`code` in OpenAI's vocabulary). The kind comes
 * from the `BedrockBridgeError` transport threw; anything else is a `server_error`, unclassified.
 */
export declare function responseError(thrown: unknown): ResponseError;
