import type { InferenceConfiguration } from '@aws-sdk/client-bedrock-runtime';
import type { ConversionState } from './conversion-state.js';
import type { ChatCompletionRequest } from './openai-request.js';
/** Anthropic's smallest thinking budget (`budget_tokens` >= 1024). */
export declare const MIN_THINKING_BUDGET = 1024;
/** The `maxOutputTokens` option, checked: a positive integer, or unset. */
export declare function maxOutputTokensOf(ctx: ConversionState): number | undefined;
/** The request field that carried max tokens, for errors (`max_completion_tokens` wins). */
export declare function maxTokensParam(request: ChatCompletionRequest): string;
/**
 * A requested max tokens above the model's output limit (`maxOutputTokens`) is an error naming
 * the field and the limit, or clamped to the limit under `paramPolicy: 'drop'` (a `warnings`
 * entry says so); never silently lowered. Returns the value to send.
 */
export declare function withinOutputLimit(maxTokens: number, param: string, ctx: ConversionState): number;
/**
 * Makes room for an Anthropic thinking budget in `config.maxTokens` (Anthropic requires
 * `budget_tokens < max_tokens` and `budget_tokens >= 1024`) and returns the budget to send.
 * A requested max tokens must exceed the budget (else an error). Without one, `maxTokens` is
 * budget + `defaultMaxTokens`, at most `maxOutputTokens`; when that limit cuts it, the budget is
 * lowered to leave `defaultMaxTokens` for the answer (never below 1024, always below maxTokens)
 * and a `warnings` entry says so.
 */
export declare function fitThinkingBudget(budget: number, config: InferenceConfiguration, request: ChatCompletionRequest, ctx: ConversionState): number;
