import { AsyncLocalStorage } from 'node:async_hooks';
import { startEmulator } from '@bedrock-bridge/emulator';
import type { Conversation } from './conversation.js';
import type { FaultCase } from './fault-cases.js';
import { decideOutcome, errorText, type Outcome } from './outcome.js';
import { progress } from './progress.js';
import type { BenchClient, SystemDef } from './systems/system.js';

interface CellLog {
  lines: number;
}
const cellLog = new AsyncLocalStorage<CellLog>();

/**
 * Abandoned calls (a hang the guard gave up on, a stream torn down under a library) can
 * fail later with nobody listening. Such stray errors are counted against the cell whose
 * async context they come from, and never end the benchmark process.
 */
export function installStrayErrorHandler(): void {
  const onStray = (err: unknown): void => {
    const log = cellLog.getStore();
    if (log) log.lines += 1;
    else progress(`stray error (ignored): ${errorText(err).slice(0, 160)}`);
  };
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
}

/** One cell of the fault table. */
export interface CellResult {
  system: SystemDef;
  fault: FaultCase;
  /** `default`: the system as a user gets it; `timeout`: its own timeout option set. */
  variant: 'default' | 'timeout';
  outcome: Outcome;
  /** Milliseconds from the call to its outcome (the guard time for a hang). */
  ms: number;
  /** Runtime requests the emulator saw for the call. */
  attempts: number;
  /** The caught error's name, code and message, or a note. */
  detail: string;
  /** Lines the system wrote to console.error / console.warn during the call. */
  logged: number;
  /** For a hang: how the call ended after the guard, when it ended within the extra wait. */
  late?: { outcome: Outcome; ms: number };
}

/**
 * Counts what libraries print on the console during a cell (the AI SDK, for example, logs
 * stream errors instead of throwing them) and keeps it off the terminal; lines printed
 * outside any cell pass through.
 */
function captureConsole(): () => void {
  const original = { error: console.error, warn: console.warn };
  const wrap =
    (passThrough: (...args: unknown[]) => void) =>
    (...args: unknown[]): void => {
      const log = cellLog.getStore();
      if (log) log.lines += 1;
      else passThrough(...args);
    };
  console.error = wrap(original.error);
  console.warn = wrap(original.warn);
  return () => {
    console.error = original.error;
    console.warn = original.warn;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

const RUNTIME = new Set(['converse', 'converse-stream']);
/** The clean warm-up call is not judged; it only has to finish, even on a busy machine. */
const WARM_UP_GUARD_MS = 60_000;

type Settled = { text: string } | { error: unknown };

/** The outcome and a one-line account of a call that ended (see `decideOutcome`). */
function judge(
  settled: Settled,
  fault: FaultCase,
  expected: string,
  attempts: number,
): { outcome: Outcome; detail: string } {
  const error = 'error' in settled ? settled.error : undefined;
  const text = 'text' in settled ? settled.text : undefined;
  const outcome = decideOutcome({
    hung: false,
    ...(error !== undefined ? { error } : {}),
    ...(text !== undefined ? { text } : {}),
    expected,
    attempts,
    endMarkerMissing: fault.endMarkerMissing === true,
    family: fault.family,
  });
  let detail = '';
  if (error !== undefined) detail = errorText(error);
  else if (text !== undefined && text !== expected) {
    detail = `${text.length} of ${expected.length} characters, no error`;
  } else if (outcome === 'silently truncated') {
    detail = 'every character, but the stream never sent messageStop; no error';
  }
  return { outcome, detail };
}

async function runCell(
  system: SystemDef,
  fault: FaultCase,
  variant: 'default' | 'timeout',
  ctx: {
    conversation: Conversation;
    guardMs: number;
    lateWaitMs: number;
    timeoutMs: number;
    expected: string;
  },
): Promise<CellResult> {
  const log: CellLog = { lines: 0 };
  const emulator = await startEmulator({ deltas: 64 });
  let client: BenchClient | undefined;
  const base = { system, fault, variant, logged: 0 };
  try {
    client = await system.create({
      purpose: 'faults',
      url: emulator.url,
      conversation: ctx.conversation,
      ...(variant === 'timeout' ? { timeoutMs: ctx.timeoutMs } : {}),
    });
    const c = client;
    const call = (): Promise<string> =>
      fault.mode === 'stream' ? c.stream(() => {}) : c.converse();
    // A first, clean call warms the connection pool: the stale keep-alive fault needs a
    // socket that a previous call left open, as in a long-running process.
    const warm = await withTimeout(call(), WARM_UP_GUARD_MS);
    if (warm !== ctx.expected) {
      const shown = warm === 'timeout' ? 'no answer' : JSON.stringify(warm.slice(0, 60));
      return { ...base, outcome: 'wrong answer', ms: 0, attempts: 0, detail: `warm-up: ${shown}` };
    }
    const before = emulator.requests.filter((r) => RUNTIME.has(r.operation)).length;
    const attemptsSoFar = (): number =>
      emulator.requests.filter((r) => RUNTIME.has(r.operation)).length - before;
    emulator.inject(fault.fault);
    const start = performance.now();
    const pending = cellLog.run(log, () =>
      call().then(
        (text): Settled => ({ text }),
        (error: unknown): Settled => ({ error }),
      ),
    );
    const settled = await withTimeout(pending, ctx.guardMs);
    const ms = performance.now() - start;
    if (settled !== 'timeout') {
      const judged = judge(settled, fault, ctx.expected, attemptsSoFar());
      return { ...base, ...judged, ms, attempts: attemptsSoFar(), logged: log.lines };
    }
    // A hang stays a hang; a full run then waits a while longer to tell "never ends" apart
    // from "ends at its own deadline, later than the guard".
    let detail = `no outcome after ${ctx.guardMs / 1000} s`;
    let late: CellResult['late'];
    if (ctx.lateWaitMs > 0) {
      const after = await withTimeout(pending, ctx.lateWaitMs);
      const lateMs = performance.now() - start;
      if (after === 'timeout') {
        detail += `; still nothing after ${(lateMs / 1000).toFixed(0)} s`;
      } else {
        const judged = judge(after, fault, ctx.expected, attemptsSoFar());
        late = { outcome: judged.outcome, ms: lateMs };
        detail += `; then ${judged.outcome} after ${(lateMs / 1000).toFixed(1)} s`;
        if (judged.detail) detail += `: ${judged.detail}`;
      }
    }
    return {
      ...base,
      outcome: 'hang',
      ms: ctx.guardMs,
      attempts: attemptsSoFar(),
      detail,
      logged: log.lines,
      ...(late ? { late } : {}),
    };
  } catch (err) {
    return {
      ...base,
      outcome: 'wrong answer',
      ms: 0,
      attempts: 0,
      detail: `cell setup failed: ${errorText(err).slice(0, 140)}`,
    };
  } finally {
    // Closing the emulator ends every socket, which releases a hung call; neither close
    // may hold the run up.
    await withTimeout(emulator.close(), 5_000).catch(() => undefined);
    if (client) await withTimeout(client.close(), 5_000).catch(() => undefined);
  }
}

/**
 * Runs every (system, fault, variant) cell, `concurrency` at a time, each against its own
 * in-process emulator (faults are queued per emulator, so cells cannot steal each other's
 * faults). Cells that may hang are started first so that their guard times overlap.
 */
export async function runFaultTable(options: {
  systems: readonly SystemDef[];
  faults: readonly FaultCase[];
  conversation: Conversation;
  expected: { stream: string; converse: string };
  guardMs: number;
  /** After a hang, how much longer to wait to see whether the call ends on its own (0: not). */
  lateWaitMs: number;
  timeoutMs: number;
  concurrency: number;
}): Promise<CellResult[]> {
  const jobs: Array<{ system: SystemDef; fault: FaultCase; variant: 'default' | 'timeout' }> = [];
  for (const fault of options.faults) {
    for (const system of options.systems) {
      if (!system.faults || (fault.mode === 'converse' && !system.converse)) continue;
      jobs.push({ system, fault, variant: 'default' });
      if (fault.timeoutRow && system.timeoutOption !== undefined) {
        jobs.push({ system, fault, variant: 'timeout' });
      }
    }
  }
  const hangProne = (j: (typeof jobs)[number]): number =>
    j.fault.family === 'timeout' && j.variant === 'default' ? 0 : 1;
  const queue = [...jobs].sort((a, b) => hangProne(a) - hangProne(b));
  const results: CellResult[] = [];
  const restore = captureConsole();
  let done = 0;
  try {
    const worker = async (): Promise<void> => {
      for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
        const expected =
          job.fault.mode === 'stream' ? options.expected.stream : options.expected.converse;
        const result = await runCell(job.system, job.fault, job.variant, {
          conversation: options.conversation,
          guardMs: options.guardMs,
          lateWaitMs: options.lateWaitMs,
          timeoutMs: options.timeoutMs,
          expected,
        });
        results.push(result);
        done += 1;
        progress(
          `faults ${done}/${jobs.length}: ${job.system.id} / ${job.fault.mode} ${job.fault.id}` +
            `${job.variant === 'timeout' ? ' (timeout set)' : ''} -> ${result.outcome}`,
        );
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, () => worker()));
  } finally {
    restore();
  }
  return results;
}
