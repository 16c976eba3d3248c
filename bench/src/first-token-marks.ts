import type { Gateway } from '@bedrock-bridge/gateway';

/** Two instants of one chat request, on the clock every process of this machine shares. */
export interface FirstTokenMarks {
  /** Fastify's `onRequest`. */
  arrived: number;
  /** The first chunk carrying answer text handed to the socket. */
  firstToken?: number;
}

/** A chunk that carries answer text (not the role chunk, not the finish). */
export const CONTENT = /"content":"[^"]/;

/** `performance.timeOrigin + performance.now()`: comparable across processes. */
export const sharedClock = (): number => performance.timeOrigin + performance.now();

/**
 * Marks every chat request's arrival and first text written; `GET /__bench/marks` returns
 * (and forgets) them in arrival order. Call before `listen`.
 */
export function addFirstTokenMarks(gateway: Gateway): void {
  const marks: FirstTokenMarks[] = [];
  gateway.app.addHook('onRequest', async (request, reply) => {
    if (request.url !== '/v1/chat/completions') return;
    const mark: FirstTokenMarks = { arrived: sharedClock() };
    marks.push(mark);
    const res = reply.raw;
    const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      // The handler writes bytes (an SSE event a chunk), the older server wrote strings.
      const text =
        chunk instanceof Uint8Array ? Buffer.from(chunk).toString('latin1') : String(chunk);
      if (mark.firstToken === undefined && CONTENT.test(text)) {
        mark.firstToken = sharedClock();
      }
      return write(chunk, ...rest);
    }) as typeof res.write;
  });
  gateway.app.get('/__bench/marks', async () => marks.splice(0));
}
