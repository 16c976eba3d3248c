import { Agent, request } from 'node:http';

/** A keep-alive agent for the bench's load generator (Nagle off, as every client here). */
export function benchAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY, noDelay: true });
}

/** Matches the first chunk that carries a real token (the first one only has the role). */
const FIRST_TOKEN = /"content":"[^"]/;

/**
 * POSTs `body` to `url` with plain `node:http` (the leanest client, so the figures show the
 * gateway rather than a client library) and reads the event stream. Resolves with the time to
 * the first content token and to the end, in ms; rejects when the stream lacks `[DONE]`.
 */
export function sseRequest(
  url: URL,
  body: string,
  agent: Agent,
  signal?: AbortSignal,
  onFirst?: () => void,
): Promise<[number, number]> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        ...(signal ? { signal } : {}),
      },
      (res) => {
        let first = -1;
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (text: string) => {
          tail += text;
          if (first < 0 && FIRST_TOKEN.test(tail)) {
            first = performance.now() - start;
            onFirst?.();
          }
          tail = tail.slice(-32);
        });
        res.once('end', () => {
          if (res.statusCode !== 200 || !tail.includes('[DONE]')) {
            reject(new Error(`gateway stream did not complete (status ${res.statusCode})`));
          } else resolve([first, performance.now() - start]);
        });
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}
