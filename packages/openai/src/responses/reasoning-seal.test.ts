import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../store/memory-store.js';
import {
  createReasoningSeal,
  reasoningKeyFromSecret,
  storedReasoningKey,
} from './reasoning-seal.js';

const details = [{ type: 'reasoning.text' as const, text: 'secret thought', signature: 'sig' }];

describe('reasoning seal (AES-256-GCM)', () => {
  it('opens what it sealed, and the sealed text does not show the reasoning', () => {
    const seal = createReasoningSeal(randomBytes(32));
    const sealed = seal.seal(details);
    expect(sealed).not.toContain('secret');
    expect(seal.open(sealed)).toEqual(details);
    expect(seal.seal(details)).not.toBe(sealed); // a fresh IV each time
  });

  it('refuses altered content, another key, and junk', () => {
    const seal = createReasoningSeal(reasoningKeyFromSecret('one'));
    const sealed = seal.seal(details);
    const flipped = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
    expect(seal.open(flipped)).toBeUndefined();
    expect(createReasoningSeal(reasoningKeyFromSecret('two')).open(sealed)).toBeUndefined();
    expect(seal.open('bb1.')).toBeUndefined();
    expect(seal.open('not sealed')).toBeUndefined();
    expect(() => createReasoningSeal(new Uint8Array(16))).toThrow(/32 bytes/);
  });

  it('keeps one generated key in the store', async () => {
    const store = new MemoryStore();
    const a = await storedReasoningKey(store);
    const b = await storedReasoningKey(store);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a).toHaveLength(32);
  });
});
