import { readFileSync } from 'node:fs';
import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';

/** Revives `{ "$base64": "..." }` (how fixtures store bytes) as a Uint8Array. */
function revive(_key: string, value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $base64?: unknown }).$base64 === 'string'
  ) {
    return new Uint8Array(Buffer.from((value as { $base64: string }).$base64, 'base64'));
  }
  return value;
}

/** The recorded events of `src/__fixtures__/<name>.jsonl`, one JSON event a line. */
export function loadEvents(name: string): ConverseStreamOutput[] {
  const text = readFileSync(new URL(`../__fixtures__/${name}.jsonl`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line, revive) as ConverseStreamOutput);
}

/** Replays events as the SDK does: an async iterable. */
export async function* replay(
  events: readonly ConverseStreamOutput[],
): AsyncGenerator<ConverseStreamOutput> {
  for (const event of events) yield event;
}

/** Drains an async iterable into an array. */
export async function drain<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
