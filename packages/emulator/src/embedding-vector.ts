import { createHash } from 'node:crypto';

/**
 * A deterministic pseudo-embedding: the same (seed, text, dimensions) always gives the same
 * vector, different texts give unrelated ones. Components are float32 values (as Bedrock's JSON
 * carries them), in [-1, 1) or, with `normalize`, scaled to unit length.
 */
export function embeddingVector(
  seed: string,
  text: string,
  dimensions: number,
  normalize: boolean,
): number[] {
  const digest = createHash('sha256').update(seed).update('\0').update(text).digest();
  // xorshift128 seeded from the digest: cheap, and good enough to make vectors differ.
  let a = digest.readUInt32LE(0) | 1;
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  const out = new Array<number>(dimensions);
  let sumSquares = 0;
  for (let i = 0; i < dimensions; i++) {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    const value = d / 2 ** 31 - 1;
    out[i] = value;
    sumSquares += value * value;
  }
  const scale = normalize && sumSquares > 0 ? 1 / Math.sqrt(sumSquares) : 1;
  for (let i = 0; i < dimensions; i++) out[i] = Math.fround((out[i] as number) * scale);
  return out;
}

/** Signed int8 quantisation (Cohere `int8`). */
export function toInt8(vector: readonly number[]): number[] {
  return vector.map((v) => Math.max(-128, Math.min(127, Math.round(v * 127))));
}

/** Unsigned int8 quantisation (Cohere `uint8`). */
export function toUint8(vector: readonly number[]): number[] {
  return vector.map((v) => Math.max(0, Math.min(255, Math.round((v + 1) * 127.5))));
}

/** One bit per component (1 when positive), packed 8 to a byte; `signed` bytes as int8. */
export function toBinary(vector: readonly number[], signed: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < vector.length; i += 8) {
    let byte = 0;
    for (let j = 0; j < 8; j++) byte = (byte << 1) | ((vector[i + j] ?? 0) > 0 ? 1 : 0);
    out.push(signed ? byte - 128 : byte);
  }
  return out;
}
