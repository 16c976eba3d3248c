import { Transform, type TransformCallback } from 'node:stream';
import type { Attempt } from './attempt.js';
import { truncationError } from './own-errors.js';

/** Pipes a converse body through a counter: idle deadline per chunk, length checked at the end. */
export function watchBody(
  source: NodeJS.ReadableStream,
  attempt: Attempt,
  expected: number | undefined,
): Transform {
  let received = 0;
  const watched = new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      received += chunk.length;
      attempt.armIdle('text');
      done(null, chunk);
    },
    flush(done: TransformCallback) {
      attempt.disarm();
      if (expected !== undefined && received < expected) {
        const error = truncationError(
          `The answer body ended after ${received} of ${expected} bytes`,
          `${received} of ${expected} body bytes`,
        );
        attempt.stop ??= { phase: 'truncated', error };
        done(error);
        return;
      }
      done();
    },
  });
  source.on('error', (err: Error) => watched.destroy(err));
  watched.on('close', () => {
    const s = source as NodeJS.ReadableStream & { destroy?: () => void; readableEnded?: boolean };
    if (s.readableEnded !== true) s.destroy?.();
  });
  source.pipe(watched);
  return watched;
}
