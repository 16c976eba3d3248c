import type { KeyValueStore } from '@bedrock-bridge/openai';
import type { SharedCooldowns } from '@bedrock-bridge/transport';

/** Upstream cool-downs in the gateway's store (`cooldown:<upstream>` -> epoch ms), shared by replicas. */
export function storeCooldowns(store: KeyValueStore): SharedCooldowns {
  return {
    async get(upstream) {
      const value = await store.get(`cooldown:${upstream}`);
      const until = value === undefined ? Number.NaN : Number(value);
      return Number.isFinite(until) ? until : undefined;
    },
    async set(upstream, until) {
      const ttlMs = until - Date.now();
      if (ttlMs > 0) await store.set(`cooldown:${upstream}`, String(until), { ttlMs });
    },
  };
}
