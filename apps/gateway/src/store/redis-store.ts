import type { KeyValueStore } from '@bedrock-bridge/openai';
import { Redis } from 'ioredis';

/** Options of `RedisStore`. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS). Required. */
  url: string;
  /** Prefix of every key, so several gateways (or apps) can share one Redis. Default `bedrock-bridge:`. */
  keyPrefix?: string;
  /** Longest wait for one command before it fails. Default `1000` ms. */
  commandTimeoutMs?: number;
  /** Longest wait to connect. Default `2000` ms. */
  connectTimeoutMs?: number;
}

/** `redis://host:port` without user, password or path: safe in an error message or a log line. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'redis (unparseable URL)';
  }
}

/**
 * A `KeyValueStore` on Redis, shared by every gateway replica that points at it (via `ioredis`:
 * reconnects by itself, pipelines, TLS and Sentinel/Cluster support). Each write sets its TTL
 * (`SET key value PX ttl`), so Redis expires entries itself. A Redis that does not answer makes
 * calls reject within `commandTimeoutMs` with an error naming the store (never its password).
 */
export class RedisStore implements KeyValueStore {
  readonly #client: Redis;
  readonly #name: string;
  #closed = false;

  constructor(options: RedisStoreOptions) {
    this.#name = `Redis store ${describeRedisUrl(options.url)}`;
    this.#client = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? 'bedrock-bridge:',
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      connectTimeout: options.connectTimeoutMs ?? 2_000,
      // fail a command after one reconnection attempt instead of queueing it for ever
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    // connection errors surface on the commands; an 'error' listener keeps them off stderr
    this.#client.on('error', () => undefined);
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run('GET', () => this.#client.get(key));
    return value ?? undefined;
  }

  async set(key: string, value: string, options: { ttlMs: number }): Promise<void> {
    if (
      typeof options.ttlMs !== 'number' ||
      !Number.isFinite(options.ttlMs) ||
      options.ttlMs <= 0
    ) {
      throw new RangeError(`ttlMs must be a finite number > 0, got ${String(options.ttlMs)}`);
    }
    const ttl = Math.ceil(options.ttlMs);
    await this.#run('SET', () => this.#client.set(key, value, 'PX', ttl));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#run('DEL', () => this.#client.del(key))) > 0;
  }

  /** Resolves when Redis answers a PING (for `/readyz`). */
  async ping(): Promise<void> {
    await this.#run('PING', () => this.#client.ping());
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#client.quit().catch(() => this.#client.disconnect());
  }

  async #run<T>(command: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${this.#name}: ${command} failed: ${reason}`, { cause: error });
    }
  }
}
