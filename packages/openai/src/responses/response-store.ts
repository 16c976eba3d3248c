import { BedrockBridgeError } from '@bedrock-bridge/errors';
import type { Response, ResponseInputItem } from '@bedrock-bridge/format/responses';
import type { KeyValueStore } from '../store/key-value-store.js';

/** A stored response: the answer as created (reasoning sealed), and its input items with ids. */
export interface StoredResponse {
  response: Response;
  input: ResponseInputItem[];
}

/** Options of `ResponseStore`. */
export interface ResponseStoreOptions {
  /** How long a stored response (and its items) is kept. Default 30 days (OpenAI's). */
  ttlMs?: number;
  /** The longest `previous_response_id` chain followed. Default 1000. */
  maxChain?: number;
}

function notFound(id: string, param: string): BedrockBridgeError {
  return new BedrockBridgeError({
    kind: 'validation',
    status: 404,
    code: 'response_not_found',
    param,
    message: `No stored response ${JSON.stringify(id)}: it was created with store: false, has expired or was deleted.`,
  });
}

/**
 * Stored Responses over the gateway's one `KeyValueStore`: `response:<id>` holds the response and
 * its input items, `item:<id>` each item (what `item_reference` and a bare reasoning item point to).
 */
export class ResponseStore {
  readonly #store: KeyValueStore;
  readonly #ttlMs: number;
  readonly #maxChain: number;

  constructor(store: KeyValueStore, options: ResponseStoreOptions = {}) {
    this.#store = store;
    this.#ttlMs = options.ttlMs ?? 30 * 24 * 3600 * 1000;
    this.#maxChain = options.maxChain ?? 1000;
  }

  async save(stored: StoredResponse): Promise<void> {
    const ttl = { ttlMs: this.#ttlMs };
    for (const item of [...stored.input, ...stored.response.output]) {
      if (typeof item.id === 'string' && item.type !== 'item_reference')
        await this.#store.set(`item:${item.id}`, JSON.stringify(item), ttl);
    }
    await this.#store.set(`response:${stored.response.id}`, JSON.stringify(stored), ttl);
  }

  async get(id: string): Promise<StoredResponse | undefined> {
    const text = await this.#store.get(`response:${id}`);
    return text === undefined ? undefined : (JSON.parse(text) as StoredResponse);
  }

  async delete(id: string): Promise<boolean> {
    const stored = await this.get(id);
    if (stored === undefined) return false;
    for (const item of [...stored.input, ...stored.response.output]) {
      if (typeof item.id === 'string') await this.#store.delete(`item:${item.id}`);
    }
    return this.#store.delete(`response:${id}`);
  }

  /** Items by id (missing ones left out). */
  async items(ids: readonly string[]): Promise<Map<string, ResponseInputItem>> {
    const found = new Map<string, ResponseInputItem>();
    for (const id of ids) {
      const text = await this.#store.get(`item:${id}`);
      if (text !== undefined) found.set(id, JSON.parse(text) as ResponseInputItem);
    }
    return found;
  }

  /**
   * The conversation up to and including response `id`: each response's input then output items,
   * oldest first. A 404 naming `previous_response_id` when any link is missing.
   */
  async conversation(id: string): Promise<ResponseInputItem[]> {
    const chain: StoredResponse[] = [];
    for (let next: string | null = id; next !== null; ) {
      if (chain.length >= this.#maxChain) break;
      const stored = await this.get(next);
      if (stored === undefined) throw notFound(next, 'previous_response_id');
      chain.unshift(stored);
      next = stored.response.previous_response_id;
    }
    return chain.flatMap((s) => [...s.input, ...(s.response.output as ResponseInputItem[])]);
  }

  static notFound = notFound;
}
