import type { ConverseStreamCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { type ConversionState, hasCacheMarker } from './conversion-state.js';
import type { ChatCompletionRequest } from './openai-request.js';
import { adjustedParam } from './param-policy.js';

/** A cache marker of the request, with the field it sits in. */
interface Marker {
  param: string;
  ttl?: unknown;
}

/** Cache markers of the request (on content parts and tools), with the field each sits in. */
export function cacheMarkers(request: ChatCompletionRequest): Marker[] {
  const found: Marker[] = [];
  // The field's name is built only for a part that holds a marker (most hold none): content
  // part `j` of message `i`, or tool `i` when `j` is -1.
  const name = (i: number, j: number) => (j < 0 ? `tools[${i}]` : `messages[${i}].content[${j}]`);
  const visit = (part: unknown, i: number, j: number) => {
    // What counts as a marker is `hasCacheMarker`'s to say (conversion asks it too).
    if (!hasCacheMarker(part)) return;
    const p = part as {
      cache_control?: { ttl?: unknown } | null;
      prompt_cache_breakpoint?: unknown;
    };
    if (p.cache_control != null) {
      const ttl = p.cache_control.ttl;
      const param = name(i, j);
      found.push(
        ttl === undefined
          ? { param: `${param}.cache_control` }
          : { param: `${param}.cache_control`, ttl },
      );
    } else if (p.prompt_cache_breakpoint != null)
      found.push({ param: `${name(i, j)}.prompt_cache_breakpoint` });
  };
  const messages = request.messages ?? [];
  for (let i = 0; i < messages.length; i++) {
    const content = messages[i]?.content;
    if (!Array.isArray(content)) continue;
    for (let j = 0; j < content.length; j++) visit(content[j], i, j);
  }
  const tools = request.tools ?? [];
  for (let i = 0; i < tools.length; i++) visit(tools[i], i, -1);
  return found;
}

/**
 * The model's caching rules for the request's markers: on a model without prompt caching they
 * are left out (a `warnings` entry names the first); a TTL the model does not list is an error,
 * or left out (the service default lifetime) under `paramPolicy: 'drop'`.
 */
export function applyCacheRules(
  request: ChatCompletionRequest,
  input: ConverseStreamCommandInput,
  ctx: ConversionState,
): void {
  const markers = cacheMarkers(request);
  const first = markers[0];
  if (first === undefined) return;
  const caching = ctx.options.promptCaching;
  if (caching === undefined || caching === false) {
    ctx.warnings.push(
      `${first.param}: this model has no prompt caching, so the request's cache markers were left out.`,
    );
    return;
  }
  const ttls: readonly unknown[] | undefined = ctx.rules.promptCaching?.ttls;
  if (ttls === undefined) return;
  const refused = new Set<unknown>();
  for (const marker of markers) {
    if (marker.ttl === undefined || ttls.includes(marker.ttl) || refused.has(marker.ttl)) continue;
    adjustedParam(ctx, {
      param: `${marker.param}.ttl`,
      code: 'unsupported_parameter',
      reason: `This model does not take a ${String(marker.ttl)} cache TTL (it takes ${ttls.join(', ')}): leave out ttl, or send one of those.`,
      adjusted: `left out (this model takes ${ttls.join(', ')}); the cache point uses the default lifetime.`,
    });
    refused.add(marker.ttl);
  }
  if (refused.size === 0) return;
  const strip = (blocks: readonly { cachePoint?: { ttl?: unknown } }[] | undefined) => {
    for (const block of blocks ?? []) {
      if (block.cachePoint !== undefined && refused.has(block.cachePoint.ttl))
        delete block.cachePoint.ttl;
    }
  };
  strip(input.system as never);
  strip(input.toolConfig?.tools as never);
  for (const message of input.messages ?? []) strip(message.content as never);
}
