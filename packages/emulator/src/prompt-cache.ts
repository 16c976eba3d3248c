import { createHash } from 'node:crypto';
import { blockText } from './count-tokens.js';
import type { Usage } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const TTL_MS: Record<string, number> = { '5m': 5 * 60_000, '1h': 60 * 60_000 };

interface Point {
  key: string;
  tokens: number;
  ttl: string;
}

/** The block lists of a request in prompt order: tools, system, then each message's content. */
function blockLists(body: Json): unknown[] {
  const lists: unknown[] = [
    isObject(body.toolConfig) ? body.toolConfig.tools : undefined,
    body.system,
  ];
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    lists.push(isObject(message) ? message.content : undefined);
  }
  return lists;
}

/** How many cache points a request holds. */
function countPoints(body: Json): number {
  let count = 0;
  for (const list of blockLists(body)) {
    for (const block of Array.isArray(list) ? list : []) {
      if (isObject(block) && isObject(block.cachePoint)) count += 1;
    }
  }
  return count;
}

/**
 * The cache points of a request in prompt order, each with the prefix it closes. Nothing is
 * hashed when the request has no cache point, and nothing after its last one (a 100K-token
 * prompt without cache points was hashed and copied whole on every request).
 */
function points(body: Json, modelId: string): Point[] {
  const total = countPoints(body);
  const out: Point[] = [];
  if (total === 0) return out;
  const hash = createHash('sha256').update(modelId);
  let length = 0;
  const visit = (list: unknown, show: (block: Json) => string) => {
    for (const block of Array.isArray(list) ? list : []) {
      if (out.length === total) return;
      if (!isObject(block)) continue;
      if (isObject(block.cachePoint)) {
        const ttl = block.cachePoint.ttl === '1h' ? '1h' : '5m';
        out.push({ key: hash.copy().digest('hex'), tokens: Math.ceil(length / 4), ttl });
        continue;
      }
      hash.update(JSON.stringify(block));
      length += show(block).length;
    }
  };
  visit(isObject(body.toolConfig) ? body.toolConfig.tools : undefined, (b) => JSON.stringify(b));
  visit(body.system, (b) => (typeof b.text === 'string' ? b.text : ''));
  for (const message of Array.isArray(body.messages) ? body.messages : []) {
    if (isObject(message)) hash.update(String(message.role));
    visit(isObject(message) ? message.content : undefined, blockText);
  }
  return out;
}

/**
 * The emulator's prompt cache: a request whose prefix up to a cache point matches one cached
 * earlier (same model, not expired) reads it (`cacheReadInputTokens`); the prefixes beyond the
 * last hit are written (`cacheWriteInputTokens`, with `cacheDetails` per TTL). Cached tokens are
 * taken out of `inputTokens`, as Bedrock reports them for Claude.
 */
export class PromptCache {
  readonly #entries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** `usage` with the cache's reads and writes for `body` on `modelId`; records the writes. */
  apply(body: Json, modelId: string, usage: Usage): Usage {
    const list = points(body, modelId);
    if (list.length === 0) return usage;
    const now = this.now();
    let read = 0;
    let hitIndex = -1;
    list.forEach((point, i) => {
      const expires = this.#entries.get(point.key);
      if (expires !== undefined && expires > now) {
        read = point.tokens;
        hitIndex = i;
      }
    });
    const perTtl = new Map<string, number>();
    let covered = read;
    for (const point of list.slice(hitIndex + 1)) {
      const fresh = point.tokens - covered;
      if (fresh > 0) perTtl.set(point.ttl, (perTtl.get(point.ttl) ?? 0) + fresh);
      covered = Math.max(covered, point.tokens);
    }
    for (const point of list) {
      const expires = now + (TTL_MS[point.ttl] ?? TTL_MS['5m'] ?? 0);
      this.#entries.set(point.key, Math.max(this.#entries.get(point.key) ?? 0, expires));
    }
    const write = covered - read;
    const out: Usage = {
      ...usage,
      inputTokens: Math.max(0, usage.inputTokens - read - write),
    };
    if (read > 0) out.cacheReadInputTokens = read;
    if (write > 0) {
      out.cacheWriteInputTokens = write;
      out.cacheDetails = [...perTtl].map(([ttl, inputTokens]) => ({ ttl, inputTokens }));
    }
    out.totalTokens = out.inputTokens + (out.cacheReadInputTokens ?? 0) + write + out.outputTokens;
    return out;
  }
}
