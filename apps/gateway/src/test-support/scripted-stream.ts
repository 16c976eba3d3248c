/** One step of a scripted stream: an event, a failure of `next()`, or the end. */
export type ScriptStep<T> = { value: T } | { error: unknown } | 'end';

/**
 * A lazy async iterable that plays `script` and writes what is asked of it to `log`
 * (`iterator`, `next`, `return`), for the tests that hold a wrapper to an inner stream.
 * `returnError` makes its `return()` reject with it.
 */
export function scriptedStream<T>(
  script: ReadonlyArray<ScriptStep<T>>,
  log: string[],
  options: { returnError?: unknown } = {},
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      log.push('iterator');
      let at = 0;
      let closed = false;
      return {
        async next() {
          log.push('next');
          await new Promise((resolve) => setImmediate(resolve));
          const step = closed ? 'end' : (script[at++] ?? 'end');
          if (step === 'end') {
            closed = true;
            return { done: true, value: undefined };
          }
          if ('error' in step) {
            closed = true;
            throw step.error;
          }
          return { done: false, value: step.value };
        },
        async return() {
          log.push('return');
          closed = true;
          if (options.returnError !== undefined) throw options.returnError;
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** Every result of `iterator` up to the end or a failure (`{ error }`). */
export async function drain<T>(
  iterator: AsyncIterator<T>,
): Promise<{ values: T[]; error?: unknown }> {
  const values: T[] = [];
  try {
    for (;;) {
      const r = await iterator.next();
      if (r.done === true) return { values };
      values.push(r.value);
    }
  } catch (error) {
    return { values, error };
  }
}
