import { describe, expect, it } from 'vitest';
import { type ScriptStep, scriptedStream } from '../test-support/scripted-stream.js';
import { type StreamWatch, watchedStream } from './watched-stream.js';

/** The async generator `watchedStream` stands for (its JSDoc), the reference of these tests. */
async function* reference<T>(begin: () => StreamWatch<T>): AsyncGenerator<T, undefined> {
  const w = begin();
  try {
    for await (const v of w.source()) {
      w.event(v);
      yield v;
    }
    w.end?.();
  } catch (err) {
    w.fail?.(err);
    throw err;
  } finally {
    w.close();
  }
  return undefined;
}

type Fault = 'begin' | 'source' | 'event' | 'end' | 'fail' | 'close';
type Op = 'next' | 'return' | 'throw';

/** What a run did: the hooks and inner calls in order, and what each reader call settled to. */
async function run(
  make: (begin: () => StreamWatch<number>) => AsyncIterator<number>,
  script: ScriptStep<number>[],
  ops: Op[],
  fault?: Fault,
  returnError?: unknown,
): Promise<{ log: string[]; results: string[] }> {
  const log: string[] = [];
  const results: string[] = [];
  const boom = (hook: Fault) => {
    log.push(hook);
    if (fault === hook) throw new Error(`${hook} failed`);
  };
  const iterator = make(() => {
    boom('begin');
    return {
      source: () => {
        boom('source');
        return scriptedStream(script, log, { returnError });
      },
      event: (v) => boom('event') ?? log.push(`value ${v}`),
      end: () => boom('end'),
      fail: (err) => {
        log.push(`fail ${(err as Error).message}`);
        if (fault === 'fail') throw new Error('fail failed');
      },
      close: () => boom('close'),
    };
  });
  const calls = ops.map((op) =>
    op === 'next'
      ? iterator.next()
      : op === 'return'
        ? (iterator.return?.() as Promise<IteratorResult<number>>)
        : (iterator.throw?.(new Error('thrown in')) as Promise<IteratorResult<number>>),
  );
  for (const [i, call] of calls.entries()) {
    try {
      results.push(`${ops[i]} -> ${JSON.stringify(await call)}`);
    } catch (err) {
      results.push(`${ops[i]} rejects ${(err as Error).message}`);
    }
  }
  return { log, results };
}

const scripts: Record<string, ScriptStep<number>[]> = {
  'three events': [{ value: 1 }, { value: 2 }, { value: 3 }],
  'zero events': [],
  'an inner failure': [{ value: 1 }, { error: new Error('inner failed') }],
};
const opLists: Op[][] = [
  ['next', 'next', 'next', 'next', 'next'],
  ['return', 'next'],
  ['throw', 'next'],
  ['next', 'return', 'next', 'return'],
  ['next', 'throw', 'next'],
  ['next', 'next', 'return', 'next'],
];
const faults: Array<Fault | undefined> = [
  undefined,
  'begin',
  'source',
  'event',
  'end',
  'fail',
  'close',
];

describe('watchedStream against the async generator it replaces', () => {
  for (const [name, script] of Object.entries(scripts)) {
    for (const ops of opLists) {
      for (const fault of faults) {
        it(`${name}; ${ops.join(', ')}; ${fault ?? 'no'} fault`, async () => {
          const expected = await run(reference, script, ops, fault);
          expect(await run(watchedStream, script, ops, fault)).toEqual(expected);
        });
      }
    }
  }

  it('an inner return() failure on an early return', async () => {
    const refused = new Error('return refused');
    const script = scripts['three events'] ?? [];
    for (const ops of [
      ['next', 'return', 'next'],
      ['next', 'throw', 'next'],
    ] as Op[][]) {
      const expected = await run(reference, script, ops, undefined, refused);
      expect(expected.log).toContain('return');
      expect(await run(watchedStream, script, ops, undefined, refused)).toEqual(expected);
    }
  });
});
