import { buildConversation } from './conversation.js';
import { loadSystem } from './systems/load-system.js';

/** What one child process reports on stdout (one JSON line). */
export interface MemoryReport {
  system: string;
  /** RSS after one warm-up stream and a full GC, before the concurrent streams. */
  baselineRss: number;
  /** Highest RSS sampled while the streams ran, over all rounds. */
  peakRss: number;
  /** Per round: peak RSS minus the RSS after a full GC just before the round. */
  addedPerRound: number[];
  completed: number;
  failed: number;
  firstError?: string;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Measures one system alone in this process: `streams` concurrent streams of the benchmark
 * conversation, `rounds` times (a full GC before each), with RSS sampled every millisecond
 * the event loop allows and on every token.
 * Arguments: `<system id> <emulator url> <streams> <rounds>`.
 */
async function main(): Promise<void> {
  const [id = '', url = '', streamsArg = '64', roundsArg = '1'] = process.argv.slice(2);
  const system = await loadSystem(id);
  const streams = Number(streamsArg);
  const rounds = Number(roundsArg);
  const client = await system.create({ url, conversation: buildConversation(), purpose: 'memory' });
  const expected = await client.stream(() => {});
  if (expected.length === 0) throw new Error(`${id}: the warm-up stream returned no text`);
  await client.stream(() => {});
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  const baselineRss = process.memoryUsage.rss();
  let peakRss = baselineRss;
  let roundPeak = baselineRss;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > roundPeak) roundPeak = rss;
  };
  const sampler = setInterval(sample, 1);
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  const addedPerRound: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    gc();
    const before = process.memoryUsage.rss();
    roundPeak = before;
    await Promise.all(
      Array.from({ length: streams }, async () => {
        try {
          const text = await client.stream(sample);
          if (text !== expected) throw new Error(`incomplete answer (${text.length} characters)`);
          completed += 1;
        } catch (err) {
          failed += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }),
    );
    sample();
    addedPerRound.push(roundPeak - before);
    peakRss = Math.max(peakRss, roundPeak);
  }
  clearInterval(sampler);
  await client.close();
  const report: MemoryReport = {
    system: id,
    baselineRss,
    peakRss,
    addedPerRound,
    completed,
    failed,
    ...(firstError === undefined ? {} : { firstError }),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

main().catch((err: unknown) => {
  process.stderr.write(`memory-child: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
