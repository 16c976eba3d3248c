import { decodeBase64 } from './base64.js';
import { invalidRequest } from './invalid-request.js';
import { MIN_THINKING_BUDGET } from './output-token-limit.js';
import { unsupportedParam } from './param-policy.js';
const DEFAULT_BUDGETS = {
    minimal: 1024,
    low: 2048,
    medium: 8192,
    high: 16384,
    xhigh: 32768,
    max: 63999,
};
const NOVA_EFFORT = {
    minimal: 'low',
    low: 'low',
    medium: 'medium',
    high: 'high',
    xhigh: 'high',
    max: 'high',
};
/** `reasoning_effort` -> Anthropic effort, before fitting it to the model's levels. */
const ANTHROPIC_EFFORT = {
    minimal: 'low',
    low: 'low',
    medium: 'medium',
    high: 'high',
    xhigh: 'xhigh',
    max: 'max',
};
const EFFORT_ORDER = ['low', 'medium', 'high', 'xhigh', 'max'];
const DEFAULT_ADAPTIVE_EFFORTS = ['low', 'medium', 'high', 'max'];
/** The wanted effort, or the nearest lower level the model takes (a warning says so). */
function fitEffort(wanted, ctx) {
    const levels = ctx.options.adaptiveEfforts ?? DEFAULT_ADAPTIVE_EFFORTS;
    if (levels.includes(wanted))
        return wanted;
    for (let i = EFFORT_ORDER.indexOf(wanted) - 1; i >= 0; i--) {
        const lower = EFFORT_ORDER[i];
        if (levels.includes(lower)) {
            ctx.warnings.push(`reasoning_effort: effort "${wanted}" is not offered by this model; "${lower}" was sent.`);
            return lower;
        }
    }
    throw invalidRequest('invalid_option', 'adaptiveEfforts', `The adaptiveEfforts option offers no effort level at or below "${wanted}".`);
}
/**
 * `reasoning_details` of an earlier assistant turn -> reasoning blocks to replay.
 * Anthropic verifies the signature of every replayed thinking block and rejects one without
 * (`thinking.signature: Field required`, or `Invalid signature` when empty): with
 * `anthropic-thinking`, unsigned reasoning text is not replayed and a warning says so. Other
 * families (Nova) take unsigned reasoning but reject an empty signature, so an empty one is left
 * out. Redacted reasoning (`reasoning.encrypted`) is always replayed as its bytes.
 */
export function reasoningBlocks(details, param, ctx) {
    const blocks = [];
    const signed = ctx.options.reasoning === 'anthropic-thinking' ||
        ctx.options.reasoning === 'anthropic-adaptive';
    mergeFragments(details).forEach((detail, i) => {
        if (detail?.type === 'reasoning.text') {
            if (typeof detail.text !== 'string')
                return;
            if (detail.text === '') {
                // Bedrock rejects a reasoningText block with empty text, signed or not.
                ctx.warnings.push(`${param}[${i}]: reasoning with empty text is not replayed.`);
                return;
            }
            const signature = typeof detail.signature === 'string' ? detail.signature : '';
            if (signature === '' && signed) {
                ctx.warnings.push(`${param}[${i}]: reasoning without a signature is not replayed (Anthropic rejects unsigned thinking blocks).`);
                return;
            }
            const reasoningText = signature === '' ? { text: detail.text } : { text: detail.text, signature };
            blocks.push({ reasoningContent: { reasoningText } });
        }
        else if (detail?.type === 'reasoning.encrypted') {
            const redactedContent = decodeBase64(detail.data, `${param}[${i}].data`);
            blocks.push({ reasoningContent: { redactedContent } });
        }
    });
    return blocks;
}
/**
 * Reasoning details as a stream delivers them (fragments of one block sharing an `index`, the
 * signature in a last fragment with empty text) joined into whole blocks, so a client that sends
 * the fragments back replays one signed block, not an unsigned one and an empty one.
 */
function mergeFragments(details) {
    const out = [];
    for (const detail of details) {
        const last = out[out.length - 1];
        if (detail?.type === 'reasoning.text' &&
            last?.type === 'reasoning.text' &&
            detail.index !== undefined &&
            detail.index === last.index &&
            typeof detail.text === 'string' &&
            typeof last.text === 'string') {
            const merged = { ...last, text: last.text + detail.text };
            if (typeof detail.signature === 'string' && detail.signature !== '')
                merged.signature = detail.signature;
            out[out.length - 1] = merged;
        }
        else
            out.push(detail);
    }
    return out;
}
/** Anthropic's thinking request field for a budget. */
export function anthropicThinking(budgetTokens) {
    return { thinking: { type: 'enabled', budget_tokens: budgetTokens } };
}
/** Whether these `additionalModelRequestFields` turn Anthropic thinking on. */
export function sendsAnthropicThinking(fields) {
    const type = fields.thinking?.type;
    return type === 'enabled' || type === 'adaptive';
}
/**
 * `reasoning_effort` -> the model family's request fields, chosen by the `reasoning` option.
 * Effort `none` (or unset) adds nothing.
 */
export function reasoningFields(effort, ctx) {
    if (effort === undefined || effort === null || effort === 'none')
        return {};
    if (!(effort in DEFAULT_BUDGETS)) {
        throw invalidRequest('invalid_reasoning_effort', 'reasoning_effort', `reasoning_effort "${String(effort)}" is not one of minimal, low, medium, high, xhigh, max, none.`);
    }
    const style = ctx.options.reasoning ?? 'none';
    switch (style) {
        case 'anthropic-thinking': {
            const budget = ctx.options.reasoningBudgets?.[effort] ?? DEFAULT_BUDGETS[effort];
            if (!Number.isInteger(budget) || budget < MIN_THINKING_BUDGET) {
                throw invalidRequest('invalid_option', `reasoningBudgets.${effort}`, `The reasoningBudgets.${effort} option must be an integer of at least ${MIN_THINKING_BUDGET} (Anthropic's smallest thinking budget); got ${String(budget)}.`);
            }
            return { additionalModelRequestFields: anthropicThinking(budget), budgetTokens: budget };
        }
        case 'anthropic-adaptive':
            return {
                additionalModelRequestFields: {
                    thinking: { type: 'adaptive' },
                    output_config: { effort: fitEffort(ANTHROPIC_EFFORT[effort], ctx) },
                },
                adaptive: true,
            };
        case 'nova-reasoning':
            return {
                additionalModelRequestFields: {
                    reasoningConfig: { type: 'enabled', maxReasoningEffort: NOVA_EFFORT[effort] },
                },
            };
        case 'passthrough':
            return { additionalModelRequestFields: { reasoning_effort: effort } };
        case 'none':
            unsupportedParam(ctx, 'reasoning_effort', `reasoning_effort "${effort}" was given, but this model has no reasoning switch.`);
            return {};
        default: {
            const unreachable = style;
            throw invalidRequest('invalid_option', 'reasoning', `Unknown reasoning style ${String(unreachable)}.`);
        }
    }
}
