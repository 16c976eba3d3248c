import type { GatewayBenchResult, ThroughputRow } from './run-gateway-bench.js';

const ms = (value: number) => `${value.toFixed(2)} ms`;

/**
 * The figures as Markdown: one row per (concurrency, system) with what the gateway adds to
 * `direct` at the same concurrency, CPU time per call per process, then heap per open stream.
 */
export function formatGatewayBench(result: GatewayBenchResult): string {
  const lines = [
    `Node ${result.node}, ${result.cores} cores, load average ${result.loadAverage[0].toFixed(1)} -> ${result.loadAverage[1].toFixed(1)}`,
    '',
    '| concurrency | system | req/s | req/s vs direct | TTFT (median) | TTFT added | TTFT inside the gateway | CPU/call client | CPU/call gateway | CPU/call emulator |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of result.throughput) {
    const direct = result.throughput.find(
      (r: ThroughputRow) => r.system === 'direct' && r.concurrency === row.concurrency,
    );
    const ratio =
      direct && row.system !== 'direct'
        ? `${(row.requestsPerSecond / direct.requestsPerSecond).toFixed(2)}x`
        : '';
    const added =
      direct && row.system !== 'direct' ? ms(row.ttftMedianMs - direct.ttftMedianMs) : '';
    const cpu = row.cpuMsPerCall;
    // From the request's arrival to its first token written: excludes the client and the hop.
    const own = row.serverTtftMedianMs === undefined ? '' : ms(row.serverTtftMedianMs);
    lines.push(
      `| ${row.concurrency} | ${row.system} | ${row.requestsPerSecond} | ${ratio} | ${ms(row.ttftMedianMs)} | ${added} | ${own} | ${ms(cpu.client)} | ${row.system === 'direct' ? '-' : ms(cpu.gateway)} | ${ms(cpu.emulator)} |`,
    );
  }
  lines.push('', '| system | open streams | heap per open stream |', '|---|---:|---:|');
  for (const m of result.memory) {
    lines.push(
      `| ${m.system} | ${m.openStreams} | ${(m.heapBytesPerStream / 1024).toFixed(1)} KiB |`,
    );
  }
  return lines.join('\n');
}
