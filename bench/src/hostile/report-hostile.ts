import type { GatewayStats, HostileResult } from './measure-hostile.js';

/** Where the section begins and ends in BENCHMARKS.md (a hostile-only run replaces it there). */
export const HOSTILE_START = '<!-- hostile:start -->';
export const HOSTILE_END = '<!-- hostile:end -->';

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? '-' : String(Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0));
};
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const tally = (t: Record<string, number>) =>
  Object.entries(t)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ') || 'none';
const row = (name: string, s: GatewayStats) =>
  `| ${name} | ${mb(s.rss)} | ${mb(s.heapUsed)} | ${s.fds} | ${s.connections} | ${s.inFlight} |`;

/** The hostile-client section of BENCHMARKS.md. */
export function hostileSection(r: HostileResult, date: string, loadAverage: string): string {
  const s = r.settings;
  const n = r.normal;
  const normalTotal = n.complete + n.clearErrors + n.silentlyShort + n.unanswered;
  const rssChange = (r.end.rss - r.start.rss) / r.start.rss;
  const goals = [
    [
      'every normal request answers',
      n.unanswered === 0,
      `${n.unanswered} of ${normalTotal} unanswered`,
    ],
    ['0 silently shortened', n.silentlyShort === 0, `${n.silentlyShort} silently shortened`],
    [
      'RSS back within 10% of its start (at most start + 10%)',
      rssChange <= 0.1,
      `${mb(r.start.rss)} -> ${mb(r.end.rss)} (${(rssChange * 100).toFixed(1)}%), peak ${mb(r.peak.rss)}`,
    ],
    [
      'every socket released',
      r.end.connections === 0 && r.end.inFlight === 0 && r.end.fds <= r.start.fds,
      `connections ${r.end.connections}, in flight ${r.end.inFlight}, descriptors ${r.start.fds} -> ${r.end.fds} (peak ${r.peak.fds}) after ${(r.settleMs / 1000).toFixed(1)} s`,
    ],
  ] as const;
  return [
    HOSTILE_START,
    '## Hostile clients under load',
    '',
    `${date.slice(0, 16).replace('T', ' ')} UTC, load average at start ${loadAverage} (the machine was shared with other work: wall-clock figures are not comparable between runs). \`pnpm --filter @bedrock-bridge/bench bench --only hostile\`. The gateway in a process of its own with its defaults except the write deadline (${s.writeTimeoutMs} ms) and the request timeout (${s.requestTimeoutMs} ms), shortened so hostile clients are cut several times inside the run; the emulator in another (8 deltas 5 ms apart). For ${s.seconds} s: ${s.normal} streaming clients in a loop (node:http keep-alive, each answer checked: exact text and \`[DONE]\`), ${(s.faultRate * 100).toFixed(0)}% of their upstream calls faulted (cuts, resets, no messageStop, in-stream exceptions, throttling, 503, stale sockets, stalls); ${s.slowBody} clients sending a body one byte a second; ${s.neverReading} clients opening a stream with a 600 KB answer (the most the model's context allows) and reading nothing for the write deadline plus 2 s, then reading what is left; ${s.disconnecting} clients leaving at their first event or after 2 s without one. Each hostile client reconnects when cut. Start figures after a 3 s warm-up and a full GC; end figures once the gateway had nothing in flight and no connection (polled, full GC each time).`,
    '',
    '| Goal | Status | Evidence |',
    '|---|---|---|',
    ...goals.map(
      ([goal, met, evidence]) => `| ${goal} | **${met ? 'met' : 'missed'}** | ${evidence} |`,
    ),
    '',
    `Normal clients: ${normalTotal} streams, ${n.complete} complete, ${n.clearErrors} clear errors (${tally(n.errorCodes)}), ${n.silentlyShort} silently shortened, ${n.unanswered} unanswered; ${n.faultsInjected} faults injected.`,
    `Slow bodies: ${r.slowBody.opened} connections, ${r.slowBody.answered408} answered 408 and closed at the request timeout${r.slowBody.otherwise ? `, ${r.slowBody.otherwise} otherwise` : ''}. Never-reading: ${r.neverReading.opened} connections, ${r.neverReading.released} answered 200 and found closed or finished when they finally read; ${r.end.cutByWriteDeadline} of them ended by the write deadline (per the gateway's log), the others' whole answer fit in the loopback socket buffers (the write deadline itself is exercised by \`hostile-clients.test.ts\`, with an endless stream). Disconnecting: ${r.disconnecting.opened} streams, ${r.disconnecting.firstEventMs.length} left at their first event (median ${median(r.disconnecting.firstEventMs)} ms after sending), ${r.disconnecting.gaveUp} left after 2 s without one (the gateway was saturated: a normal stream took about ${((s.seconds * s.normal) / Math.max(1, normalTotal)).toFixed(1)} s end to end).`,
    '',
    '| Gateway process | RSS | heap used | file descriptors | connections | in flight |',
    '|---|---:|---:|---:|---:|---:|',
    row('start (after warm-up, full GC)', r.start),
    `| peak during the run | ${mb(r.peak.rss)} | | ${r.peak.fds} | ${r.peak.connections} | |`,
    row('end (settled, full GC)', r.end),
    '',
    `Gateway log by status: ${tally(r.end.tally)}.`,
    '',
    HOSTILE_END,
  ].join('\n');
}

/** Replaces the hostile section of `markdown`, or appends it. */
export function spliceHostile(markdown: string, section: string): string {
  const start = markdown.indexOf(HOSTILE_START);
  const end = markdown.indexOf(HOSTILE_END);
  if (start >= 0 && end > start) {
    return markdown.slice(0, start) + section + markdown.slice(end + HOSTILE_END.length);
  }
  return `${markdown.trimEnd()}\n\n${section}\n`;
}
