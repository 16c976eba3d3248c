import { createHash } from 'node:crypto';
import { type BuiltClient, buildClient, type ClientSettings } from './build-client.js';

/** A client lent to one call; give it back with `release()`. */
export interface ClientLease {
  readonly built: BuiltClient;
  /** Short hash of the pool key (region, endpoint, identity): safe to log. */
  readonly poolKey: string;
  release(): void;
}

interface Entry {
  key: string;
  poolKey: string;
  built: BuiltClient;
  inflight: number;
  retired: boolean;
}

/**
 * SDK clients keyed by kind, region, endpoint and credential identity (an access key id or a hash,
 * never a secret). An evicted client leaves the pool at once (the next call builds a fresh one);
 * its idle sockets are closed at once and the rest when its last in-flight call ends.
 */
export class ClientPool {
  readonly #entries = new Map<string, Entry>();
  readonly #retired = new Set<Entry>();
  #closed = false;
  /** Clients built so far (for tests and metrics). */
  built = 0;

  lease(settings: ClientSettings): ClientLease {
    if (this.#closed) throw new Error('The transport is closed');
    const key = [
      settings.kind,
      settings.region,
      settings.endpoint ?? '',
      settings.auth.identity,
    ].join('|');
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = {
        key,
        poolKey: createHash('sha256').update(key).digest('hex').slice(0, 12),
        built: buildClient(settings),
        inflight: 0,
        retired: false,
      };
      this.built += 1;
      this.#entries.set(key, entry);
    }
    entry.inflight += 1;
    const held = entry;
    let released = false;
    return {
      built: held.built,
      poolKey: held.poolKey,
      release: () => {
        if (released) return;
        released = true;
        held.inflight -= 1;
        if (held.retired && held.inflight === 0) this.#destroy(held);
      },
    };
  }

  /** Takes the lease's client out of the pool and closes its sockets (now or when idle). */
  evict(lease: ClientLease): boolean {
    for (const entry of this.#entries.values()) {
      if (entry.built !== lease.built) continue;
      this.#entries.delete(entry.key);
      entry.retired = true;
      this.#retired.add(entry);
      entry.built.closeIdle();
      // The caller still holds its lease; the client is destroyed when that lease is released.
      return true;
    }
    return false;
  }

  #destroy(entry: Entry): void {
    this.#retired.delete(entry);
    entry.built.destroy();
  }

  /** Destroys every client, in flight or not. */
  close(): void {
    this.#closed = true;
    for (const entry of [...this.#entries.values(), ...this.#retired]) entry.built.destroy();
    this.#entries.clear();
    this.#retired.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
