import type { NewConnectionResult, NewConnectionRun } from './new-connections.js';
import { machineLoadSentence } from './report-capacity.js';

/** Where the section begins and ends in BENCHMARKS.md (a run of this section alone replaces it). */
export const NEW_CONNECTIONS_START = '<!-- new-connections:start -->';
export const NEW_CONNECTIONS_END = '<!-- new-connections:end -->';

function quantile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const ms = (v: number | undefined): string =>
  v === undefined ? 'n/a' : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v.toFixed(0)} ms`;

/** Median and max. */
const cells = (values: number[]): string =>
  `${ms(quantile(values, 0.5))} | ${ms(quantile(values, 1))}`;

function statuses(run: NewConnectionRun): string {
  const counts = new Map<number, number>();
  for (const c of run.freshChat) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return (
    [...counts]
      .sort((a, b) => a[0] - b[0])
      .map(([status, n]) => `${status === 0 ? 'no answer' : status}: ${n}`)
      .join(', ') || 'none'
  );
}

/** The "New connections under load" section of BENCHMARKS.md. */
export function newConnectionsSection(result: NewConnectionResult): string {
  const s = result.settings;
  const rows = result.runs.map((run) => {
    const label = `${run.label} (\`${run.flags.join(' ')}\`)`;
    return `| ${label} | ${run.freshHealth.length} | ${cells(run.freshHealth)} | ${cells(run.freshChat.map((c) => c.ms))} | ${statuses(run)} | ${cells(run.keptHealth)} | ${run.load.ok} / ${run.load.errors} |`;
  });
  return [
    NEW_CONNECTIONS_START,
    '## New connections under load',
    '',
    `Measured on **${result.date}** (UTC); load average at the start ${result.loadAverage}. ${machineLoadSentence(result.loadAverage)}: the absolute times are noisy; the rows ran one after the other in the same run.`,
    '',
    `${s.streams} slow streams (50 tokens/s for ${s.seconds} s) opened over ${s.rampSeconds} s against the gateway (core 0; the emulator and the load generator on core 1). Every ${s.probeEveryMs} ms while they run, a probe round measures the time to the response head of \`GET /healthz\` and of a streamed \`POST /v1/chat/completions\` on **new** connections, and of \`GET /healthz\` on a keep-alive connection opened before the load. "before" is the gateway without a cap on requests answered at once (the old behaviour); "count cap" is \`--max-in-flight ${s.cap}\`, a cap below what this core relays at that pace; "loop-busy cap" refuses new requests while the event loop was busy more than ${s.loopBusy * 100}% of the last half second (\`--max-loop-busy ${s.loopBusy}\`). A refused request gets 503 \`server_busy\` with \`Retry-After: 1\` at once.`,
    '',
    '| Gateway | probe rounds | new connection `/healthz` first byte, median | max | new connection chat first byte, median | max | chat statuses | keep-alive `/healthz` median | max | slow streams ok / refused or failed |',
    '|---|---:|---:|---:|---:|---:|---|---:|---:|---:|',
    ...rows,
    '',
    'Why: Node (libuv 1.45 and later) accepts one connection per turn of its event loop, and a saturated gateway\'s turns last hundreds of milliseconds, so connections the kernel completed wait in the accept queue behind the burst (see the gateway README, "New connections under load").',
    '',
    'Reproduce: `pnpm bench --only new-connections` (`--quick`: 600 streams for 8 s).',
    NEW_CONNECTIONS_END,
  ].join('\n');
}

/** Replaces the section in an existing BENCHMARKS.md (or appends it). */
export function spliceNewConnections(markdown: string, section: string): string {
  const start = markdown.indexOf(NEW_CONNECTIONS_START);
  const end = markdown.indexOf(NEW_CONNECTIONS_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + NEW_CONNECTIONS_END.length);
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
