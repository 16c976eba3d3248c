import { spawnEmulator, spawnService } from '../service-process.js';
import type { LoadPlan } from './load-plan.js';
import { LOAD_CPU, SERVER_CPU } from './measure-capacity.js';
import { runLoad } from './run-load.js';
import type { ProfileId } from './workloads.js';

/**
 * What the gateway's garbage collector does under one load run at a fixed rate (a diagnostic, not
 * part of the report):
 *
 *     node bench/dist/capacity/gc-at-rate.js chat|large RATE SECONDS
 *
 * The gateway child runs pinned to core 0 with `--trace-gc-nvp`, the emulator and the load
 * generator on core 1, as in the capacity section. A 3 s run at the same rate warms it up; then
 * one run of SECONDS is measured, and one JSON line printed: the load's latencies (ms), and per
 * request the young-generation bytes allocated and the bytes scavenges promoted to the old
 * generation, scavenges and mark-compacts per 1,000 requests, and the pauses (ms) of each.
 * Hold the bench lock while it runs, as for any timing.
 */

/** A numeric field of a `--trace-gc-nvp` line (0 when absent). */
function field(line: string, name: string): number {
  const match = new RegExp(` ${name}=([0-9.]+)`).exec(line);
  return match ? Number(match[1]) : 0;
}

async function main(): Promise<void> {
  const [profile = 'chat', rateText = '150', secondsText = '6'] = process.argv.slice(2);
  if (profile !== 'chat' && profile !== 'large') throw new Error('profile: chat or large');
  const rate = Number(rateText);
  const seconds = Number(secondsText);
  if (!(rate > 0) || !(seconds > 0)) throw new Error('RATE and SECONDS must be positive');
  const emulator = await spawnEmulator({ deltas: 64, paceMs: 0, forget: true, cpu: LOAD_CPU });
  const gcLines: string[] = [];
  const gateway = await spawnService('gateway-child.js', ['--endpoint', emulator.url], SERVER_CPU, {
    nodeFlags: ['--trace-gc-nvp'],
    onLine: (line) => {
      if (line.includes(' gc=')) gcLines.push(line);
    },
  });
  try {
    const plan = (s: number): LoadPlan => ({
      target: 'gateway',
      url: gateway.url,
      profile: profile as ProfileId,
      deltas: 64,
      mode: { kind: 'rate', rate, seconds: s },
      timeoutMs: 10_000,
    });
    await runLoad(plan(3), LOAD_CPU);
    const mark = gcLines.length;
    const load = await runLoad(plan(seconds), LOAD_CPU);
    const lines = gcLines.slice(mark);
    const scavenges = lines.filter((l) => / gc=s /.test(l));
    const majors = lines.filter((l) => / gc=m[cs] /.test(l));
    const perRequest = (total: number) => Math.round(total / Math.max(1, load.sent));
    const sum = (list: string[], name: string) => list.reduce((a, l) => a + field(l, name), 0);
    const pauses = (list: string[]) =>
      list.map((l) => Math.round(field(l, 'pause') * 10) / 10).sort((a, b) => a - b);
    const result = {
      profile,
      rate,
      sent: load.sent,
      errors: load.errors,
      latency: load.latency,
      ttft: load.ttft,
      youngBytesPerRequest: perRequest(sum(scavenges, 'allocated')),
      promotedBytesPerRequest: perRequest(sum(scavenges, 'promoted')),
      scavengesPer1000: (scavenges.length * 1000) / Math.max(1, load.sent),
      markCompactsPer1000: (majors.length * 1000) / Math.max(1, load.sent),
      scavengePausesMs: pauses(scavenges),
      markCompactPausesMs: pauses(majors),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await gateway.close();
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`gc-at-rate: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
