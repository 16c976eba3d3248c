function endsWithCachePoint(blocks) {
    return (blocks !== undefined && blocks.length > 0 && blocks[blocks.length - 1]?.cachePoint !== undefined);
}
/**
 * Automatic cache points (after the system prompt, after the tools, at the end of the last user
 * turn) when the options ask for them, then at most `maxCachePoints` kept: the latest ones win,
 * because a later cache point covers a longer prefix.
 */
export function applyCachePoints(input, ctx) {
    const caching = ctx.options.promptCaching;
    if (caching === undefined || caching === false)
        return;
    const settings = caching === true ? {} : caching;
    const automatic = new Set();
    const newPoint = () => {
        const point = settings.ttl === undefined
            ? { type: 'default' }
            : { type: 'default', ttl: settings.ttl };
        automatic.add(point);
        return point;
    };
    if (settings.automatic) {
        if (ctx.cacheAllowed('system') &&
            input.system !== undefined &&
            input.system.length > 0 &&
            !endsWithCachePoint(input.system)) {
            input.system.push({ cachePoint: newPoint() });
        }
        const tools = input.toolConfig?.tools;
        if (ctx.cacheAllowed('tools') &&
            tools !== undefined &&
            tools.length > 0 &&
            !endsWithCachePoint(tools)) {
            tools.push({ cachePoint: newPoint() });
        }
        const messages = input.messages ?? [];
        for (let i = messages.length - 1; i >= 0; i--) {
            const message = messages[i];
            if (message?.role !== 'user')
                continue;
            const content = message.content ?? [];
            if (ctx.cacheAllowed('messages') && !endsWithCachePoint(content))
                content.push({ cachePoint: newPoint() });
            break;
        }
    }
    capCachePoints(input, settings.maxCachePoints ?? 4);
    orderCacheTtls(input, ctx, automatic);
}
/** Cache points in prompt order: tools, then system, then messages. */
function cachePointsInOrder(input) {
    const points = [];
    const collect = (list) => {
        for (const block of list ?? []) {
            if (block.cachePoint !== undefined)
                points.push(block.cachePoint);
        }
    };
    collect(input.toolConfig?.tools);
    collect(input.system);
    for (const message of input.messages ?? [])
        collect(message.content);
    return points;
}
/**
 * Bedrock rejects a 1h cache point after a 5m one (longer TTLs first, in prompt order). Every
 * point before the last 1h point becomes 1h: the prefix a 1h point caches then lives as long.
 * Automatic points are ours to set; an explicit 5m (or default) marker changed this way gets a
 * `warnings` entry.
 */
function orderCacheTtls(input, ctx, automatic) {
    const points = cachePointsInOrder(input);
    let lastHour = -1;
    points.forEach((point, i) => {
        if (point.ttl === '1h')
            lastHour = i;
    });
    let raised = 0;
    for (let i = 0; i < lastHour; i++) {
        const point = points[i];
        if (point === undefined || point.ttl === '1h')
            continue;
        point.ttl = '1h';
        if (!automatic.has(point))
            raised++;
    }
    if (raised > 0) {
        ctx.warnings.push(`${raised} cache marker(s) before a 1h cache point were given ttl 1h (Bedrock rejects a 1h cache point after a 5m one).`);
    }
}
/** Removes the earliest cache points (tools, then system, then messages order) beyond `max`. */
function capCachePoints(input, max) {
    const lists = [];
    if (input.toolConfig?.tools)
        lists.push(input.toolConfig.tools);
    if (input.system)
        lists.push(input.system);
    for (const message of input.messages ?? [])
        if (message.content)
            lists.push(message.content);
    let total = 0;
    for (const list of lists)
        for (const block of list)
            if (block.cachePoint !== undefined)
                total++;
    for (const list of lists) {
        for (let i = 0; i < list.length && total > max;) {
            if (list[i]?.cachePoint !== undefined) {
                list.splice(i, 1);
                total--;
            }
            else
                i++;
        }
    }
}
