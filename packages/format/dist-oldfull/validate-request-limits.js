/** Converse's limits per request (API reference, `Message.content`). */
const MAX_IMAGES = 20;
const MAX_DOCUMENTS = 5;
/** Claude counts images and documents together: "too many images and documents: 21 + 0 > 20". */
const MAX_CLAUDE_ATTACHMENTS = 20;
/** Anthropic allows at most 4 cache points a request. */
const MAX_CLAUDE_CACHE_POINTS = 4;
/** Anthropic's smallest thinking budget. */
const MIN_THINKING_BUDGET = 1024;
function isClaude(modelId) {
    return typeof modelId === 'string' && /anthropic\.|claude/i.test(modelId);
}
/** Images and documents counted over the whole request, as Bedrock counts them. */
function checkAttachmentCounts(input, report) {
    let images = 0;
    let documents = 0;
    for (const message of input.messages ?? []) {
        for (const block of message.content ?? []) {
            if (block.image !== undefined)
                images++;
            else if (block.document !== undefined)
                documents++;
        }
    }
    if (images > MAX_IMAGES)
        report('messages', 'too_many_images', `${images} images; at most ${MAX_IMAGES} a request.`);
    if (documents > MAX_DOCUMENTS)
        report('messages', 'too_many_documents', `${documents} documents; at most ${MAX_DOCUMENTS} a request.`);
    if (isClaude(input.modelId) &&
        images <= MAX_IMAGES &&
        images + documents > MAX_CLAUDE_ATTACHMENTS)
        report('messages', 'too_many_images_and_documents', `${images} images + ${documents} documents; Claude takes at most ${MAX_CLAUDE_ATTACHMENTS} together a request.`);
}
/**
 * Cache points in prompt order (tools, system, messages): a `1h` point must not follow a `5m`
 * one (no ttl is the default, 5 minutes), and Claude takes at most 4.
 */
function checkCachePoints(input, report) {
    const lists = [];
    const tools = input.toolConfig?.tools;
    if (tools)
        lists.push(['toolConfig.tools', tools]);
    if (input.system)
        lists.push(['system', input.system]);
    (input.messages ?? []).forEach((m, i) => {
        if (m.content)
            lists.push([`messages[${i}].content`, m.content]);
    });
    let count = 0;
    let fiveMinutesAt;
    for (const [path, list] of lists) {
        list.forEach((block, i) => {
            const point = block?.cachePoint;
            if (point === undefined)
                return;
            count++;
            const at = `${path}[${i}].cachePoint`;
            if (point.ttl === '1h') {
                if (fiveMinutesAt !== undefined)
                    report(`${at}.ttl`, 'cache_ttl_order', `a 1h cache point may not follow a 5m one (${fiveMinutesAt}); longer TTLs come first.`);
            }
            else if (fiveMinutesAt === undefined)
                fiveMinutesAt = at;
        });
    }
    if (isClaude(input.modelId) && count > MAX_CLAUDE_CACHE_POINTS)
        report('messages', 'too_many_cache_points', `${count} cache points; Claude takes at most ${MAX_CLAUDE_CACHE_POINTS}.`);
}
/** Anthropic thinking: `budget_tokens` at least 1024 and below `maxTokens`. */
function checkThinking(input, report) {
    const fields = input.additionalModelRequestFields;
    const thinking = fields?.thinking;
    if (typeof thinking !== 'object' || thinking === null || thinking.type !== 'enabled')
        return;
    const budget = thinking.budget_tokens;
    const path = 'additionalModelRequestFields.thinking.budget_tokens';
    if (typeof budget !== 'number' || !Number.isInteger(budget) || budget < MIN_THINKING_BUDGET) {
        report(path, 'invalid_thinking_budget', `budget_tokens must be an integer of at least ${MIN_THINKING_BUDGET} (got ${String(budget)}).`);
        return;
    }
    const maxTokens = input.inferenceConfig?.maxTokens;
    if (maxTokens !== undefined && budget >= maxTokens)
        report(path, 'thinking_budget_not_below_max_tokens', `budget_tokens ${budget} must be below inferenceConfig.maxTokens ${maxTokens}.`);
}
/** Rules that count over the whole request, not one message or block. */
export function checkRequestLimits(input, report) {
    checkAttachmentCounts(input, report);
    checkCachePoints(input, report);
    checkThinking(input, report);
}
