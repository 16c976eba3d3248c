import type { Fault, FaultSpec, StreamExceptionType } from './types.js';

const TYPES: ReadonlySet<FaultSpec['type']> = new Set([
  'throttling',
  'service-unavailable',
  'internal-server',
  'model-not-ready',
  'model-timeout',
  'context-overflow',
  'access-denied',
  'invalid-credentials',
  'quota-exceeded',
  'model-error',
  'stream-exception',
  'cut',
  'reset',
  'stall',
  'blackhole',
  'stale-keep-alive',
  'no-message-stop',
  'corrupt-frame',
  'slow-first-byte',
  'pause',
]);

const EXCEPTIONS: ReadonlySet<StreamExceptionType> = new Set([
  'throttlingException',
  'modelStreamErrorException',
  'validationException',
  'internalServerException',
  'serviceUnavailableException',
]);

const OPERATIONS = new Set(['converse', 'converse-stream', 'invoke-model', 'runtime', 'control']);

/** Faults that only make sense inside an event stream. */
const STREAM_ONLY = new Set(['no-message-stop']);

const isCount = (v: unknown, min: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Throws a TypeError naming the problem when `value` is not a valid {@link Fault}. */
export function assertFault(value: unknown): asserts value is Fault {
  const fail = (what: string): never => {
    throw new TypeError(`Invalid fault: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('expected an object');
  const f = value as Record<string, unknown>;
  if (!TYPES.has(f.type as FaultSpec['type'])) {
    fail(`unknown type ${JSON.stringify(f.type)} (one of: ${[...TYPES].join(', ')})`);
  }
  if (f.times !== undefined && !isCount(f.times, 1)) fail('times must be an integer >= 1');
  if (f.operation !== undefined && !OPERATIONS.has(String(f.operation))) {
    fail(`operation must be one of: ${[...OPERATIONS].join(', ')}`);
  }
  if (f.modelId !== undefined && typeof f.modelId !== 'string') fail('modelId must be a string');
  if (f.afterEvents !== undefined && !isCount(f.afterEvents, 0)) {
    fail('afterEvents must be an integer >= 0');
  }
  if (f.type === 'stream-exception' && !EXCEPTIONS.has(f.exception as StreamExceptionType)) {
    fail(`exception must be one of: ${[...EXCEPTIONS].join(', ')}`);
  }
  if ((f.type === 'slow-first-byte' || f.type === 'pause') && !isCount(f.delayMs, 0)) {
    fail('delayMs must be an integer >= 0');
  }
  if (
    f.retryAfterSeconds !== undefined &&
    (typeof f.retryAfterSeconds !== 'number' ||
      !Number.isFinite(f.retryAfterSeconds) ||
      f.retryAfterSeconds < 0)
  ) {
    fail('retryAfterSeconds must be a finite number >= 0');
  }
  if (
    f.originalStatusCode !== undefined &&
    !(isCount(f.originalStatusCode, 100) && Number(f.originalStatusCode) <= 599)
  ) {
    fail('originalStatusCode must be an integer from 100 to 599');
  }
  if (f.message !== undefined) {
    if (f.type !== 'stream-exception' && f.type !== 'model-error') {
      fail('message is only for stream-exception and model-error faults');
    }
    if (typeof f.message !== 'string' || f.message.trim() === '') {
      fail('message must be a non-empty string');
    }
  }
}

interface Queued {
  fault: Fault;
  remaining: number;
}

/** Queued faults, consumed by matching requests in injection order. */
export class FaultQueue {
  #queue: Queued[] = [];

  add(fault: Fault): void {
    assertFault(fault);
    this.#queue.push({ fault: { ...fault }, remaining: fault.times ?? 1 });
  }

  clear(): void {
    this.#queue = [];
  }

  /** Faults still queued, with how many requests each still applies to. */
  list(): Array<Fault & { remaining: number }> {
    return this.#queue.map((q) => ({ ...q.fault, remaining: q.remaining }));
  }

  /** Takes the first fault matching the request, if any. */
  take(
    operation: 'converse' | 'converse-stream' | 'invoke-model' | 'control',
    modelId?: string,
  ): Fault | undefined {
    const index = this.#queue.findIndex(({ fault }) => {
      const wanted = fault.operation ?? 'runtime';
      const opOk = wanted === operation || (wanted === 'runtime' && operation !== 'control');
      if (!opOk) return false;
      if (operation !== 'converse-stream' && STREAM_ONLY.has(fault.type)) return false;
      return fault.modelId === undefined || fault.modelId === modelId;
    });
    const queued = this.#queue[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) this.#queue.splice(index, 1);
    return queued.fault;
  }
}
