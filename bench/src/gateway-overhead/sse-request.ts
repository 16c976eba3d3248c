import { Agent } from 'node:http';
import { CONTENT } from '../first-token-marks.js';
import { jsonHeaders, postBytes } from '../systems/post-bytes.js';

/** A keep-alive agent for the bench's load generator (Nagle off, as every client here). */
export function benchAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, noDelay: true });
}

/**
 * POSTs `body` to `url` with plain `node:http` and reads the event stream. Resolves with the
 * time to the first content token and to the end, in ms; rejects when the stream lacks `[DONE]`.
 */
export async function sseRequest(
  url: URL,
  body: Buffer,
  agent: Agent,
  signal?: AbortSignal,
  onFirst?: () => void,
): Promise<[number, number]> {
  const start = performance.now();
  let first = -1;
  let tail = '';
  const onChunk = (chunk: Buffer): void => {
    tail += chunk.toString('latin1');
    if (first < 0 && CONTENT.test(tail)) {
      first = performance.now() - start;
      onFirst?.();
    }
    tail = tail.slice(-32);
  };
  await postBytes(agent, url, url.pathname, jsonHeaders(body), body, onChunk, signal);
  if (!tail.includes('[DONE]')) throw new Error('gateway stream did not complete');
  return [first, performance.now() - start];
}
