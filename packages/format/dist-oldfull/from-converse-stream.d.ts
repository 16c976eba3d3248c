import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type AnswerOptions } from './answer-options.js';
import type { ChatCompletionChunk } from './openai-answer.js';
/**
 * Converse stream events -> OpenAI `chat.completion.chunk`s, exactly as OpenAI streams them:
 * a first chunk with the role, content / tool_calls / reasoning deltas (tool calls announced
 * with index, id and name, then argument fragments; interleaved blocks tracked by
 * `contentBlockIndex`; a block whose `contentBlockStart` is empty or unknown takes its kind from
 * its first delta), a final chunk with `finish_reason`, and a usage chunk when
 * `includeUsage`.
 *
 * It trusts the events it is given: stream integrity (a missing `messageStop`, an in-stream
 * exception, a cut) is `@bedrock-bridge/transport`'s job, which throws a classified error
 * instead of ending early. A stream that ends without `messageStop` here ends without a
 * finish chunk (nothing claims the answer finished), and an error thrown by `events` passes
 * through unchanged.
 */
export declare function fromConverseStream(events: AsyncIterable<ConverseStreamOutput>, options: AnswerOptions): AsyncGenerator<ChatCompletionChunk, void, undefined>;
