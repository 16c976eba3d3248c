import type { ChatCompletion, ChatCompletionChunk } from './openai-answer.js';
/**
 * Folds a chunk stream (ours, or any OpenAI-compatible one) into one `chat.completion`: the
 * same object `fromConverseOutput` gives for the same content. `usage` is there only when the
 * stream carried a usage chunk (`includeUsage`); without one, the result lacks just `usage`.
 */
export declare function collectChatCompletion(chunks: AsyncIterable<ChatCompletionChunk> | Iterable<ChatCompletionChunk>): Promise<ChatCompletion>;
