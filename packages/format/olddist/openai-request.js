/**
 * The OpenAI chat-completions request shapes this package accepts: our own, minimal and
 * structurally compatible with the `openai` package (its `ChatCompletionCreateParams` is
 * assignable to `ChatCompletionRequest`, proved by `openai-compatibility.test.ts`).
 *
 * Extension fields (not in OpenAI's API) are marked "Extension" below.
 */
export {};
