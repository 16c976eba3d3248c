import type { LatencyResult } from './latency.js';
import { mdCell } from './md.js';
import { formatMs, formatRatio, type Summary } from './stats.js';

function cell(s: Summary | undefined, pick: 'median' | 'p90'): string {
  return s ? formatMs(s[pick]) : 'n/a';
}

function ratio(s: Summary | undefined, base: Summary | undefined): string {
  return s && base ? formatRatio(s.median, base.median) : 'n/a';
}

function failures(r: LatencyResult, mode: 'converse' | 'stream'): string {
  const n = r.failures[mode];
  return n === 0 ? '0' : `${n} (${mdCell(r.failures.firstMessage ?? '', 80)})`;
}

/** Markdown tables of the comparison: Converse, then ConverseStream. */
export function latencyTables(results: readonly LatencyResult[]): string {
  const floor = results.find((r) => r.system.role === 'floor');
  const sdk = results.find((r) => r.system.role === 'baseline');
  const lines: string[] = [];
  lines.push('### Non-streaming (Converse)', '');
  lines.push(
    '| System | median ms | p90 ms | vs raw SDK | vs floor | CPU ms per call | n | failed calls |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    if (!r.system.converse) continue;
    if (r.unavailable !== undefined) {
      lines.push(`| ${r.system.label} | not measured: ${mdCell(r.unavailable)} | | | | | | |`);
      continue;
    }
    lines.push(
      `| ${r.system.label} | ${cell(r.converse, 'median')} | ${cell(r.converse, 'p90')} | ` +
        `${ratio(r.converse, sdk?.converse)} | ${ratio(r.converse, floor?.converse)} | ` +
        `${cell(r.converseCpu, 'median')} | ${r.converse?.n ?? 0} | ${failures(r, 'converse')} |`,
    );
  }
  lines.push('', '### Streaming (ConverseStream): time to first token and to last token', '');
  lines.push(
    '| System | first token median ms | p90 | last token median ms | p90 | first vs SDK | last vs SDK | first vs floor | last vs floor | CPU ms per call | n | failed calls |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    if (r.unavailable !== undefined) {
      lines.push(
        `| ${r.system.label} | not measured: ${mdCell(r.unavailable)} | | | | | | | | | |`,
      );
      continue;
    }
    lines.push(
      `| ${r.system.label} | ${cell(r.ttft, 'median')} | ${cell(r.ttft, 'p90')} | ` +
        `${cell(r.ttlt, 'median')} | ${cell(r.ttlt, 'p90')} | ` +
        `${ratio(r.ttft, sdk?.ttft)} | ${ratio(r.ttlt, sdk?.ttlt)} | ` +
        `${ratio(r.ttft, floor?.ttft)} | ${ratio(r.ttlt, floor?.ttlt)} | ` +
        `${cell(r.streamCpu, 'median')} | ${r.ttlt?.n ?? 0} | ${failures(r, 'stream')} |`,
    );
  }
  return lines.join('\n');
}
