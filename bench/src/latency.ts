import type { Conversation } from './conversation.js';
import { DELTAS } from './conversation.js';
import { progress } from './progress.js';
import { type Summary, summarize } from './stats.js';
import type { BenchClient, SystemDef } from './systems/system.js';

/** What one system measured in the comparison. */
export interface LatencyResult {
  system: SystemDef;
  /** Why the system could not be measured, if it could not. */
  unavailable?: string;
  converse?: Summary;
  ttft?: Summary;
  ttlt?: Summary;
  /**
   * CPU time (user + system) this process spent per call, in ms: the client's own work
   * (and the gateway's, which runs in this process), insensitive to waiting on the machine.
   */
  converseCpu?: Summary;
  streamCpu?: Summary;
  /** Calls that threw or whose text differed from the reference (not in the figures). */
  failures: { converse: number; stream: number; firstMessage?: string };
}

interface Entry {
  system: SystemDef;
  client: BenchClient;
  converse: number[];
  ttft: number[];
  ttlt: number[];
  converseCpu: number[];
  streamCpu: number[];
  result: LatencyResult;
}

/** Texts every system must return: the raw SDK's answers, checked once before measuring. */
export interface Reference {
  converse: string;
  stream: string;
}

function isCorrect(system: SystemDef, text: string, expected: string, mode: 'c' | 's'): boolean {
  if (system.role === 'floor' && mode === 's') {
    const frames = Number(text.replace('frames:', ''));
    return text.startsWith('frames:') && frames >= DELTAS + 4;
  }
  return text === expected;
}

function record(entry: Entry, mode: 'converse' | 'stream', err: unknown): void {
  entry.result.failures[mode] += 1;
  if (entry.result.failures.firstMessage === undefined) {
    entry.result.failures.firstMessage = err instanceof Error ? err.message : String(err);
  }
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function timeConverse(entry: Entry, reference: Reference, keep: boolean): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const text = await entry.client.converse();
    const elapsed = performance.now() - start;
    const cpuUsed = cpuMs(cpu);
    if (!isCorrect(entry.system, text, reference.converse, 'c')) {
      record(entry, 'converse', new Error(`wrong text: ${JSON.stringify(text.slice(0, 80))}`));
    } else if (keep) {
      entry.converse.push(elapsed);
      entry.converseCpu.push(cpuUsed);
    }
  } catch (err) {
    record(entry, 'converse', err);
  }
}

async function timeStream(entry: Entry, reference: Reference, keep: boolean): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let first = Number.NaN;
  try {
    const text = await entry.client.stream(() => {
      if (Number.isNaN(first)) first = performance.now() - start;
    });
    const elapsed = performance.now() - start;
    const cpuUsed = cpuMs(cpu);
    if (!isCorrect(entry.system, text, reference.stream, 's') || Number.isNaN(first)) {
      record(entry, 'stream', new Error(`wrong text: ${JSON.stringify(text.slice(0, 80))}`));
    } else if (keep) {
      entry.ttft.push(first);
      entry.ttlt.push(elapsed);
      entry.streamCpu.push(cpuUsed);
    }
  } catch (err) {
    record(entry, 'stream', err);
  }
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect) collect();
}

/**
 * The comparison: every system against the same emulator and conversation. Calls are
 * sequential and interleaved round by round (each round calls every system once, in a
 * rotating order), so that noise from the shared machine spreads evenly over systems.
 */
export async function measureLatency(options: {
  systems: readonly SystemDef[];
  url: string;
  conversation: Conversation;
  reference: Reference;
  calls: number;
  warmup: number;
}): Promise<LatencyResult[]> {
  const results: LatencyResult[] = [];
  const entries: Entry[] = [];
  for (const system of options.systems) {
    const result: LatencyResult = { system, failures: { converse: 0, stream: 0 } };
    results.push(result);
    try {
      const client = await system.create({
        url: options.url,
        conversation: options.conversation,
        purpose: 'latency',
      });
      entries.push({
        system,
        client,
        converse: [],
        ttft: [],
        ttlt: [],
        converseCpu: [],
        streamCpu: [],
        result,
      });
    } catch (err) {
      result.unavailable = err instanceof Error ? err.message : String(err);
      progress(`latency: ${system.label} unavailable: ${result.unavailable}`);
    }
  }
  const modes = [
    { name: 'converse', run: timeConverse, only: (e: Entry) => e.system.converse },
    { name: 'stream', run: timeStream, only: () => true },
  ] as const;
  for (const mode of modes) {
    const active = entries.filter(mode.only);
    progress(`latency ${mode.name}: warm-up (${options.warmup} calls x ${active.length} systems)`);
    for (let i = 0; i < options.warmup; i += 1) {
      for (const entry of active) await mode.run(entry, options.reference, false);
    }
    gc();
    const step = Math.max(1, Math.round(options.calls / 5));
    for (let round = 0; round < options.calls; round += 1) {
      for (let k = 0; k < active.length; k += 1) {
        const entry = active[(round + k) % active.length];
        if (entry) await mode.run(entry, options.reference, true);
      }
      if ((round + 1) % step === 0 || round + 1 === options.calls) {
        progress(`latency ${mode.name}: ${round + 1}/${options.calls} rounds`);
      }
    }
    gc();
  }
  for (const entry of entries) {
    if (entry.converse.length > 0) entry.result.converse = summarize(entry.converse);
    if (entry.ttft.length > 0) entry.result.ttft = summarize(entry.ttft);
    if (entry.ttlt.length > 0) entry.result.ttlt = summarize(entry.ttlt);
    if (entry.converseCpu.length > 0) entry.result.converseCpu = summarize(entry.converseCpu);
    if (entry.streamCpu.length > 0) entry.result.streamCpu = summarize(entry.streamCpu);
    await entry.client.close();
  }
  return results;
}
