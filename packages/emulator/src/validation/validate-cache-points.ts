import { fromModel, isObject, type Json } from './validation-error.js';

/** Every cachePoint of a request in prompt order: tools, then system, then messages. */
export function cachePoints(body: Json): Json[] {
  const out: Json[] = [];
  const collect = (list: unknown) => {
    for (const block of Array.isArray(list) ? list : []) {
      if (isObject(block) && isObject(block.cachePoint)) out.push(block.cachePoint);
    }
  };
  collect(isObject(body.toolConfig) ? body.toolConfig.tools : undefined);
  collect(body.system);
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    collect(isObject(message) ? message.content : undefined);
  }
  return out;
}

/**
 * Claude's prompt-cache rules, relayed by Bedrock (Anthropic prompt-caching guide: at most 4
 * cache breakpoints; with mixed TTLs, a longer TTL must come before a shorter one). Wordings are
 * Anthropic's ("A maximum of 4 blocks with cache_control may be provided. Found 5.").
 */
export function validateCachePoints(body: Json): void {
  const points = cachePoints(body);
  if (points.length > 4) {
    throw fromModel(
      `A maximum of 4 blocks with cache_control may be provided. Found ${points.length}.`,
    );
  }
  let sawShort = false;
  for (const point of points) {
    const ttl = point.ttl ?? '5m';
    if (ttl === '1h' && sawShort) {
      throw fromModel(
        "a cache_control block with ttl='1h' must not come after a cache_control block with ttl='5m'",
      );
    }
    if (ttl === '5m') sawShort = true;
  }
}
