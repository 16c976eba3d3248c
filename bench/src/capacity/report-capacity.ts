import type { GoalCheck } from '../goals.js';
import { formatMs, formatRatio } from '../stats.js';
import type { Percentiles } from './histogram.js';
import {
  type CapacityResult,
  HALF_ROUNDS,
  MAX_SEND_LAG_MS,
  PASS_P99_MS,
  type RateTargetResult,
} from './measure-capacity.js';
import { LARGE_MAX_TOKENS, LARGE_PROMPT_TOKENS, SLOW_TOKENS_PER_SECOND } from './workloads.js';

/** Where the section begins and ends in BENCHMARKS.md (a capacity-only run replaces it there). */
export const CAPACITY_START = '<!-- capacity:start -->';
export const CAPACITY_END = '<!-- capacity:end -->';

const LABEL = { gateway: 'gateway (default settings)', floor: 'floor: bare node:http proxy' };
const p = (x: Percentiles | undefined, key: 'p50' | 'p99'): string =>
  x && x.n > 0 ? formatMs(x[key]) : 'n/a';

function rateTable(rows: RateTargetResult[], ttft: boolean): string {
  const floor = rows.find((r) => r.target === 'floor');
  const out = [
    `| System | sustained requests/s (0 errors) | vs floor | CPU ms per request | requests/s per core from CPU | at half: rate/s | latency p50 ms | p99 | ${ttft ? 'first token p50 ms | p99 |' : 'streamed first token p50 ms | p99 |'} errors |`,
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const cpu = r.cpuMsPerRequest ?? Number.NaN;
    out.push(
      `| ${LABEL[r.target]} | ${r.saturation}${r.capped ? '+' : ''} | ${formatRatio(r.saturation, floor?.saturation ?? Number.NaN)} | ${formatMs(cpu)} | ${Number.isFinite(cpu) && cpu > 0 ? (1000 / cpu).toFixed(0) : 'n/a'} | ${r.halfRate} | ${p(r.half?.latency, 'p50')} | ${p(r.half?.latency, 'p99')} | ${p(r.half?.ttft, 'p50')} | ${p(r.half?.ttft, 'p99')} | ${r.half?.errors ?? 'n/a'} |`,
    );
  }
  return out.join('\n');
}

function stepsDetails(name: string, rows: RateTargetResult[]): string {
  const lines = [
    `<details><summary>${name}: every step of the saturation search, and every round at half of it</summary>`,
    '',
    '| System | offered/s | result | sent | errors | p50 ms | p99 ms | generator lag ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    for (const s of r.steps) {
      lines.push(
        `| ${r.target} | ${s.rate} | ${s.pass ? 'sustained' : `failed: ${s.reason ?? ''}`} | ${s.result.sent} | ${s.result.errors} | ${p(s.result.latency, 'p50')} | ${p(s.result.latency, 'p99')} | ${s.result.maxSendLagMs.toFixed(0)} |`,
      );
    }
  }
  lines.push(
    '',
    '| System | half-saturation round | rate/s | sent | errors | p50 ms | p99 ms | generator lag ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const r of rows) {
    for (const [i, run] of (r.halfRounds ?? []).entries()) {
      lines.push(
        `| ${r.target} | ${i + 1}${run === r.half ? ' (median)' : ''} | ${r.halfRate} | ${run.sent} | ${run.errors} | ${p(run.latency, 'p50')} | ${p(run.latency, 'p99')} | ${run.maxSendLagMs.toFixed(0)} |`,
      );
    }
  }
  lines.push('', '</details>');
  return lines.join('\n');
}

function slowTable(result: CapacityResult): string {
  const out = [
    '| System | streams completed | errors | events relayed | server CPU s | CPU µs per event | RSS before | peak RSS | RSS per open stream | live memory per open stream | inter-token gap p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of result.slow ?? []) {
    out.push(
      `| ${LABEL[r.target]} | ${r.result.ok}/${result.settings.slowStreams} | ${r.result.errors}${r.result.firstError ? ` (first after ${((r.result.firstErrorAtMs ?? 0) / 1000).toFixed(1)} s: ${r.result.firstError.slice(0, 80)})` : ''} | ${r.result.events} | ${(r.cpuMs / 1000).toFixed(2)} | ${r.cpuUsPerEvent.toFixed(1)} | ${(r.rssBefore / 1048576).toFixed(1)} MiB | ${(r.rssPeak / 1048576).toFixed(1)} MiB | ${(r.rssPerStream / 1024).toFixed(1)} KiB | ${r.livePerStream === undefined ? 'n/a' : `${(r.livePerStream / 1024).toFixed(1)} KiB`} | ${p(r.result.gaps, 'p50')} | ${p(r.result.gaps, 'p99')} | ${formatMs(r.result.gaps.max)} |`,
    );
  }
  return out.join('\n');
}

/**
 * What the 1-minute load average at the start says of the machine (2 cores, shared with other
 * work): above 0.5, something else was running; below, it was quiet then (nothing says it
 * stayed so).
 */
export function machineLoadSentence(loadAverage: string): string {
  const oneMinute = Number.parseFloat(loadAverage);
  return Number.isFinite(oneMinute) && oneMinute < 0.5
    ? 'The machine (2 cores, shared) was quiet when this section started, though other work may have run during it'
    : '**Other work was running on this machine (2 cores, shared) when this section started**';
}

/** The capacity section of BENCHMARKS.md, between its markers. */
export function capacitySection(
  result: CapacityResult,
  goals: readonly GoalCheck[],
  context: { date: string; loadAverage: string; quick: boolean },
): string {
  const s = result.settings;
  const out = [
    CAPACITY_START,
    '## Capacity per core',
    '',
    `Measured on **${context.date}** (UTC)${context.quick ? ' in a **quick** run (short steps: indicative only)' : ''}; load average at the start of this section ${context.loadAverage}. ${machineLoadSentence(context.loadAverage)}: absolute rates and latencies are noisy; the ratios to the floor, measured in the same run, and the CPU time per request or event (which waiting does not inflate) are the figures to read.`,
    '',
    `The gateway (its own process, composed as \`bedrock-bridge serve\` composes it: metrics, spans, its request log line per request written to /dev/null, default settings) and the floor are pinned to core 0 (\`taskset -c 0\`); the emulator and the load generator to core 1. The floor is a bare \`node:http\` reverse proxy (\`bench/src/capacity/floor-proxy-child.ts\`) that forwards the same Converse bytes the gateway would send, with no parsing, conversion, signing or decoding. The load generator (\`load-child.ts\`) is a bare \`node:http\` keep-alive client sending pre-built bytes open loop (a slow answer never delays the next request), so it costs little and sees every chunk as it arrives; \`autocannon\` was not used because it neither times the first streamed token nor the gaps between tokens. A rate is **sustained** when a ${s.stepSeconds} s step at that rate has 0 errors, a p99 latency under ${PASS_P99_MS} ms, answers done within 2 s of the last send, and the generator kept within ${MAX_SEND_LAG_MS} ms of its schedule; the search doubles from a starting rate until a step fails, then bisects ${s.bisections} times. Both systems are then run at half of the **gateway's** saturation, so "added" compares equal loads: ${HALF_ROUNDS} rounds of ${Math.max(1, Math.round(s.halfSeconds / HALF_ROUNDS))} s, gateway and floor alternating, each reported by its median round (by latency p99), so that a hiccup of the shared load core lands in one round rather than in the figure. "CPU ms per request" is the server process's user + system time (\`/proc/<pid>/stat\`) over those rounds divided by the requests sent; "requests/s per core from CPU" is 1000 divided by it.`,
    '',
  ];
  if (result.large) {
    out.push(
      '### Large prompts',
      '',
      `${LARGE_PROMPT_TOKENS.map((t) => `${t / 1000}K`).join(', ')}-token prompts (emulator tokens: characters / 4) in equal shares, half of them streamed, \`max_tokens\` ${LARGE_MAX_TOKENS}. Latency is send to the complete answer, end to end (emulator included); the gateway's latency is its p99 minus the floor's at the same rate, since the emulator parses every 400 KB body on the core it shares with the load generator and brings a tail of its own.`,
      '',
      rateTable(result.large, false),
      '',
      stepsDetails('Large prompts', result.large),
      '',
    );
  }
  if (result.chat) {
    out.push(
      '### Chat',
      '',
      'The benchmark conversation (40 messages, 3 tools) with a streamed answer of 64 text deltas. First token: the first chunk that carries answer text (an SSE chunk from the gateway, a `contentBlockDelta` frame from the floor).',
      '',
      rateTable(result.chat, true),
      '',
      stepsDetails('Chat', result.chat),
      '',
    );
  }
  if (result.slow) {
    out.push(
      '### Many slow streams',
      '',
      `${s.slowStreams} concurrent streams opened over the first seconds, each ${SLOW_TOKENS_PER_SECOND} tokens/s (the emulator paces events ${1000 / SLOW_TOKENS_PER_SECOND} ms apart) for ${s.slowSeconds} s. CPU per event: the server's CPU time over the whole run (setup included) divided by the stream events the client received (SSE \`data:\` lines from the gateway, frames from the floor). RSS per open stream: peak RSS (sampled every 200 ms) minus RSS before, divided by the streams. Live memory per open stream: the V8 heap and external memory in use right after a full garbage collection half-way through the streams, minus the same before them, divided by the streams: what the streams hold, without the garbage V8 lets accumulate before a full collection (by default it lets the old generation grow to up to 4 times what survived the last one, so peak RSS moves with when the collections fall). Gaps: between two successive chunks carrying text, at the client.`,
      '',
      slowTable(result),
      '',
    );
  }
  if (result.decode) {
    const d = result.decode;
    out.push(
      '### Event-stream decoding: the SDK against the codec used directly',
      '',
      `CPU per ConverseStream event in this process, no socket: the AWS SDK's \`ConverseStream\` over an in-memory answer (${d.events} events; a 0-delta answer subtracted so that signing and serialisation cancel out), against \`@smithy/eventstream-codec\` decoding the same bytes plus \`JSON.parse\` of each payload; ${d.calls} calls each.`,
      '',
      '| Path | CPU µs per event | vs codec |',
      '|---|---:|---:|',
      `| SDK (\`client.send(new ConverseStreamCommand(...))\`, iterate \`stream\`) | ${d.sdkUsPerEvent.toFixed(2)} | ${formatRatio(d.sdkUsPerEvent, d.codecUsPerEvent)} |`,
      `| \`@smithy/eventstream-codec\` + \`JSON.parse\` | ${d.codecUsPerEvent.toFixed(2)} | 1.00x |`,
      '',
    );
  }
  out.push('### Capacity goals', '', '| Goal | Status | Evidence |', '|---|---|---|');
  for (const g of goals) out.push(`| ${g.goal} | **${g.status}** | ${g.evidence} |`);
  out.push(
    '',
    '![Capacity per core](benchmarks-capacity.svg)',
    '',
    'Reproduce: `pnpm bench --only capacity` (add `--quick` for short steps and 10 s slow streams).',
    CAPACITY_END,
  );
  return out.join('\n');
}

/** Replaces the capacity section of an existing BENCHMARKS.md (or appends it). */
export function spliceCapacity(markdown: string, section: string): string {
  const start = markdown.indexOf(CAPACITY_START);
  const end = markdown.indexOf(CAPACITY_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + CAPACITY_END.length);
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
