import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './concurrency-limit.js';

/** A task that stays in flight until `finish()` is called, recording when it started. */
function deferred(started: string[], name: string) {
  let finish!: () => void;
  let fail!: (err: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return {
    task: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(),
    fail: (err: Error) => fail(err),
  };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('concurrencyLimit', () => {
  it('keeps at most `limit` tasks in flight and starts the rest in order', async () => {
    const started: string[] = [];
    const limit = concurrencyLimit(2);
    const tasks = ['a', 'b', 'c', 'd'].map((n) => deferred(started, n));
    const results = tasks.map((t) => limit(t.task));
    await tick();
    expect(started).toEqual(['a', 'b']);
    tasks[1]!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.finish();
    await tick();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    tasks[2]!.finish();
    tasks[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('frees the slot of a failed task and passes the failure to its caller', async () => {
    const started: string[] = [];
    const limit = concurrencyLimit(1);
    const first = deferred(started, 'first');
    const second = deferred(started, 'second');
    const failed = limit(first.task);
    const next = limit(second.task);
    await tick();
    expect(started).toEqual(['first']);
    first.fail(new Error('npm install failed'));
    await expect(failed).rejects.toThrow('npm install failed');
    await tick();
    expect(started).toEqual(['first', 'second']);
    second.finish();
    expect(await next).toBe('second');
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
    expect(() => concurrencyLimit(1.5)).toThrow(/positive integer, got 1.5/);
  });
});
