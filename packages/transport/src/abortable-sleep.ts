import type { StopSignalLike } from './stop-signal.js';

/**
 * Sleeps `ms` milliseconds, or until `signal` aborts (then rejects with the signal's reason at
 * once). Leaves no timer or listener behind either way.
 */
export function abortableSleep(ms: number, signal: StopSignalLike): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
