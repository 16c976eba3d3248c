import { buildConversation } from './conversation.js';
import { loadSystem } from './systems/load-system.js';

/** What one child process reports on stdout (one JSON line). */
export interface MemoryReport {
  system: string;
  /** RSS after one warm-up stream and a full GC, before the concurrent streams. */
  baselineRss: number;
  /** Highest RSS sampled (or reported by the kernel) while the streams ran. */
  peakRss: number;
  completed: number;
  failed: number;
  firstError?: string;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Measures one system alone in this process: `streams` concurrent streams of the benchmark
 * conversation, `rounds` times, with RSS sampled every millisecond the event loop allows.
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
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 1);
  let completed = 0;
  let failed = 0;
  let firstError: string | undefined;
  for (let round = 0; round < rounds; round += 1) {
    await Promise.all(
      Array.from({ length: streams }, async () => {
        try {
          const text = await client.stream(() => {
            peakRss = Math.max(peakRss, process.memoryUsage.rss());
          });
          if (text !== expected) throw new Error(`incomplete answer (${text.length} characters)`);
          completed += 1;
        } catch (err) {
          failed += 1;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }),
    );
  }
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage.rss());
  await client.close();
  const report: MemoryReport = {
    system: id,
    baselineRss,
    peakRss,
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
