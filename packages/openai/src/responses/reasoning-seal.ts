import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ReasoningDetail } from '@bedrock-bridge/format';
import type { KeyValueStore } from '../store/key-value-store.js';

/** Seals reasoning blocks into an opaque `encrypted_content`, and opens what it sealed. */
export interface ReasoningSeal {
  seal(details: ReasoningDetail[]): string;
  /** `undefined` when `sealed` was not sealed with this key, or was altered. */
  open(sealed: string): ReasoningDetail[] | undefined;
}

const VERSION = 'bb1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM (authenticated encryption, from `node:crypto`) over the JSON of the reasoning
 * blocks: the client can neither read them nor forge or alter them (the tag fails). The format is
 * `bb1.` + base64url(iv | ciphertext | tag); the version prefix is authenticated as associated data.
 */
export function createReasoningSeal(key: Uint8Array): ReasoningSeal {
  if (key.length !== 32)
    throw new RangeError(`The reasoning key must be 32 bytes, got ${key.length}.`);
  return {
    seal(details) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(VERSION));
      const body = Buffer.concat([cipher.update(JSON.stringify(details), 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
    },
    open(sealed) {
      if (typeof sealed !== 'string' || !sealed.startsWith(`${VERSION}.`)) return undefined;
      const bytes = Buffer.from(sealed.slice(VERSION.length + 1), 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(VERSION));
        decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        const details = JSON.parse(plain) as unknown;
        return Array.isArray(details) ? (details as ReasoningDetail[]) : undefined;
      } catch {
        return undefined; // wrong key or altered: the tag does not verify
      }
    },
  };
}

/** A key given as text (e.g. `BEDROCK_BRIDGE_REASONING_KEY`): 32 bytes from its SHA-256. */
export function reasoningKeyFromSecret(secret: string): Uint8Array {
  return createHash('sha256').update(secret, 'utf8').digest();
}

const KEY_ENTRY = 'gateway:reasoning-key';
const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

/**
 * The gateway's reasoning key when none is configured: made once and kept in the store, so every
 * gateway sharing the store (and the same gateway after a restart, with a durable store) opens
 * what another sealed.
 */
export async function storedReasoningKey(store: KeyValueStore): Promise<Uint8Array> {
  const existing = await store.get(KEY_ENTRY);
  if (existing !== undefined) {
    const key = Buffer.from(existing, 'base64');
    if (key.length === 32) return key;
  }
  const key = randomBytes(32);
  await store.set(KEY_ENTRY, key.toString('base64'), { ttlMs: TEN_YEARS_MS });
  // Another gateway may have written its key at the same moment: use whichever the store kept.
  const kept = await store.get(KEY_ENTRY);
  return kept === undefined ? key : Buffer.from(kept, 'base64');
}
