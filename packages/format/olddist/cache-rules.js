import { adjustedParam } from './param-policy.js';
/** Cache markers of the request (on content parts and tools), with the field each sits in. */
export function cacheMarkers(request) {
    const found = [];
    const visit = (part, param) => {
        if (typeof part !== 'object' || part === null)
            return;
        const p = part;
        if (p.cache_control != null) {
            const ttl = p.cache_control.ttl;
            found.push(ttl === undefined
                ? { param: `${param}.cache_control` }
                : { param: `${param}.cache_control`, ttl });
        }
        else if (p.prompt_cache_breakpoint != null)
            found.push({ param: `${param}.prompt_cache_breakpoint` });
    };
    for (const [i, message] of (request.messages ?? []).entries()) {
        if (!Array.isArray(message?.content))
            continue;
        for (const [j, part] of message.content.entries())
            visit(part, `messages[${i}].content[${j}]`);
    }
    for (const [i, tool] of (request.tools ?? []).entries())
        visit(tool, `tools[${i}]`);
    return found;
}
/**
 * The model's caching rules for the request's markers: on a model without prompt caching they
 * are left out (a `warnings` entry names the first); a TTL the model does not list is an error,
 * or left out (the service default lifetime) under `paramPolicy: 'drop'`.
 */
export function applyCacheRules(request, input, ctx) {
    const markers = cacheMarkers(request);
    const first = markers[0];
    if (first === undefined)
        return;
    const caching = ctx.options.promptCaching;
    if (caching === undefined || caching === false) {
        ctx.warnings.push(`${first.param}: this model has no prompt caching, so the request's cache markers were left out.`);
        return;
    }
    const ttls = ctx.rules.promptCaching?.ttls;
    if (ttls === undefined)
        return;
    const refused = new Set();
    for (const marker of markers) {
        if (marker.ttl === undefined || ttls.includes(marker.ttl) || refused.has(marker.ttl))
            continue;
        adjustedParam(ctx, {
            param: `${marker.param}.ttl`,
            code: 'unsupported_parameter',
            reason: `This model does not take a ${String(marker.ttl)} cache TTL (it takes ${ttls.join(', ')}): leave out ttl, or send one of those.`,
            adjusted: `left out (this model takes ${ttls.join(', ')}); the cache point uses the default lifetime.`,
        });
        refused.add(marker.ttl);
    }
    if (refused.size === 0)
        return;
    const strip = (blocks) => {
        for (const block of blocks ?? []) {
            if (block.cachePoint !== undefined && refused.has(block.cachePoint.ttl))
                delete block.cachePoint.ttl;
        }
    };
    strip(input.system);
    strip(input.toolConfig?.tools);
    for (const message of input.messages ?? [])
        strip(message.content);
}
