import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type ResponseAnswerOptions } from './response-shell.js';
import type { ResponseStreamEvent } from './responses-answer.js';
/**
 * Converse stream events -> the OpenAI Responses event stream, through the chat conversion
 * (`fromConverseStream`, which owns stream integrity): `response.created`,
 * `response.in_progress`, then per item `response.output_item.added`, its part / delta / done
 * events and `response.output_item.done`, and finally `response.completed` (or
 * `response.incomplete` when the answer hit the token limit or a content filter). Every event
 * carries `sequence_number`.
 *
 * A failure before the first upstream event is thrown with no event yielded (the caller can still
 * answer with an HTTP error). A failure after it (an in-stream exception, a cut or truncated
 * stream, a stalled one the transport gave up on) yields `response.failed` with the error and then
 * throws it, so the caller can log it; `response.completed` never follows a broken stream.
 */
export declare function responseEventsFromConverseStream(events: AsyncIterable<ConverseStreamOutput>, options: ResponseAnswerOptions): AsyncGenerator<ResponseStreamEvent, void, undefined>;
