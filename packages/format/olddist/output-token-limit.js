import { invalidRequest } from './invalid-request.js';
import { adjustedParam } from './param-policy.js';
/** Anthropic's smallest thinking budget (`budget_tokens` >= 1024). */
export const MIN_THINKING_BUDGET = 1024;
/** The `maxOutputTokens` option, checked: a positive integer, or unset. */
export function maxOutputTokensOf(ctx) {
    const limit = ctx.options.maxOutputTokens;
    if (limit === undefined)
        return undefined;
    if (!Number.isInteger(limit) || limit < 1) {
        throw invalidRequest('invalid_option', 'maxOutputTokens', `The maxOutputTokens option must be a positive integer; got ${String(limit)}.`);
    }
    return limit;
}
/** The request field that carried max tokens, for errors (`max_completion_tokens` wins). */
export function maxTokensParam(request) {
    return request.max_completion_tokens != null ? 'max_completion_tokens' : 'max_tokens';
}
/**
 * A requested max tokens above the model's output limit (`maxOutputTokens`) is an error naming
 * the field and the limit, or clamped to the limit under `paramPolicy: 'drop'` (a `warnings`
 * entry says so); never silently lowered. Returns the value to send.
 */
export function withinOutputLimit(maxTokens, param, ctx) {
    const limit = maxOutputTokensOf(ctx);
    if (limit === undefined || maxTokens <= limit)
        return maxTokens;
    adjustedParam(ctx, {
        param,
        code: 'max_tokens_out_of_range',
        reason: `${param} ${maxTokens} is above this model's output limit of ${limit} tokens; send at most ${limit}.`,
        adjusted: `${maxTokens} lowered to ${limit}, this model's output limit.`,
    });
    return limit;
}
/**
 * Makes room for an Anthropic thinking budget in `config.maxTokens` (Anthropic requires
 * `budget_tokens < max_tokens` and `budget_tokens >= 1024`) and returns the budget to send.
 * A requested max tokens must exceed the budget (else an error). Without one, `maxTokens` is
 * budget + `defaultMaxTokens`, at most `maxOutputTokens`; when that limit cuts it, the budget is
 * lowered to leave `defaultMaxTokens` for the answer (never below 1024, always below maxTokens)
 * and a `warnings` entry says so.
 */
export function fitThinkingBudget(budget, config, request, ctx) {
    const effort = `reasoning_effort "${String(request.reasoning_effort)}"`;
    if (config.maxTokens !== undefined) {
        if (config.maxTokens > budget)
            return budget;
        throw invalidRequest('max_tokens_below_reasoning_budget', maxTokensParam(request), `max tokens (${config.maxTokens}) must exceed the thinking budget for ${effort} (${budget}); raise it or lower reasoning_effort.`);
    }
    const room = ctx.options.defaultMaxTokens ?? 4096;
    const limit = maxOutputTokensOf(ctx);
    if (limit === undefined || budget + room <= limit) {
        config.maxTokens = budget + room;
        return budget;
    }
    const fitted = Math.min(budget, Math.max(MIN_THINKING_BUDGET, limit - room));
    if (fitted >= limit) {
        throw invalidRequest('reasoning_budget_out_of_range', 'reasoning_effort', `${effort} needs a thinking budget of at least ${MIN_THINKING_BUDGET} tokens below max tokens, but this model's output limit is ${limit} tokens; leave out reasoning_effort.`);
    }
    config.maxTokens = limit;
    if (fitted < budget) {
        ctx.warnings.push(`${effort}: thinking budget lowered from ${budget} to ${fitted} tokens to fit this model's output limit of ${limit} tokens (maxTokens ${limit}).`);
    }
    return fitted;
}
