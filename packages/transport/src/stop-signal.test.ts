import { describe, expect, it } from 'vitest';
import { StopSignal, type StopSignalLike } from './stop-signal.js';

/** What each signal kind does for one scenario, recorded in order. */
function run(
  make: () => { signal: StopSignalLike; abort(reason: unknown): void },
  scenario: (signal: StopSignalLike, abort: (reason: unknown) => void, log: string[]) => void,
): string[] {
  const log: string[] = [];
  const { signal, abort } = make();
  scenario(signal, abort, log);
  log.push(`aborted=${signal.aborted} reason=${String(signal.reason)}`);
  return log;
}

const fromController = () => {
  const controller = new AbortController();
  return { signal: controller.signal, abort: (reason: unknown) => controller.abort(reason) };
};
const fromStopSignal = () => {
  const signal = new StopSignal();
  return { signal, abort: (reason: unknown) => signal.abort(reason) };
};

/** Scenarios run on an `AbortSignal` and on a `StopSignal`: both must log the same. */
const SCENARIOS: Record<
  string,
  (signal: StopSignalLike, abort: (reason: unknown) => void, log: string[]) => void
> = {
  'listeners in order, once each, the first reason kept': (signal, abort, log) => {
    signal.addEventListener('abort', (e) => log.push(`a ${e.type} ${String(signal.reason)}`), {
      once: true,
    });
    signal.addEventListener('abort', () => log.push('b'));
    abort('first');
    abort('second');
  },
  'a removed listener is not called': (signal, abort, log) => {
    const a = () => log.push('a');
    signal.addEventListener('abort', a, { once: true });
    signal.addEventListener('abort', () => log.push('b'));
    signal.removeEventListener('abort', a);
    abort('why');
  },
  'a listener removed by an earlier one is not called': (signal, abort, log) => {
    const b = () => log.push('b');
    signal.addEventListener('abort', () => {
      log.push('a');
      signal.removeEventListener('abort', b);
    });
    signal.addEventListener('abort', b);
    abort('why');
  },
  'the same listener twice is called once': (signal, abort, log) => {
    const a = () => log.push('a');
    signal.addEventListener('abort', a);
    signal.addEventListener('abort', a);
    abort('why');
  },
  'a listener added after the abort is never called': (signal, abort, log) => {
    abort('why');
    signal.addEventListener('abort', () => log.push('late'));
    abort('again');
  },
  'a listener added while aborting is not called': (signal, abort, log) => {
    signal.addEventListener('abort', () => {
      log.push('a');
      signal.addEventListener('abort', () => log.push('added'));
    });
    abort('why');
  },
  'no reason given: an AbortError': (signal, abort, log) => {
    abort(undefined);
    const reason = signal.reason as Error;
    log.push(`${reason instanceof Error} ${reason.name}: ${reason.message}`);
  },
  'not aborted until abort': (signal, _abort, log) => {
    signal.addEventListener('abort', () => log.push('a'));
  },
};

describe('StopSignal', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(`behaves as an AbortSignal: ${name}`, () => {
      const expected = run(fromController, scenario);
      expect(run(fromStopSignal, scenario)).toEqual(expected);
    });
  }

  it('calls onabort before the listeners, with an abort event', () => {
    const signal = new StopSignal();
    const log: string[] = [];
    signal.addEventListener('abort', () => log.push('listener'));
    signal.onabort = (e) => log.push(`onabort ${e.type}`);
    signal.abort(new Error('stop'));
    expect(log).toEqual(['onabort abort', 'listener']);
  });

  it('calls the other listeners when one throws, and throws its error on its own', async () => {
    const signal = new StopSignal();
    const log: string[] = [];
    const boom = new Error('boom');
    const uncaught = new Promise<unknown>((resolve) => {
      const listeners = process.listeners('uncaughtException');
      process.removeAllListeners('uncaughtException');
      process.once('uncaughtException', (error) => {
        for (const listener of listeners) process.on('uncaughtException', listener);
        resolve(error);
      });
    });
    signal.addEventListener('abort', () => {
      throw boom;
    });
    signal.addEventListener('abort', () => log.push('after'));
    signal.abort('why');
    expect(log).toEqual(['after']);
    expect(await uncaught).toBe(boom);
  });
});
