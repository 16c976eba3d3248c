import { checkCapacityGoals } from './capacity/capacity-goals.js';
import type { CapacityResult } from './capacity/measure-capacity.js';
import { capacitySection } from './capacity/report-capacity.js';
import { CONVERSE_FAULTS, STREAM_FAULTS } from './fault-cases.js';
import type { CellResult } from './faults.js';
import type { GoalCheck } from './goals.js';
import type { LatencyResult } from './latency.js';
import type { MachineInfo } from './machine.js';
import { mdCell } from './md.js';
import type { MemoryResult } from './memory.js';
import type { MemoryReport } from './memory-child.js';
import type { BenchOptions } from './options.js';
import type { PackageBenchResult } from './package-benches.js';
import { faultDetails, faultTable, outcomeRule } from './report-faults.js';
import { latencyTables } from './report-latency.js';
import { formatMiB } from './stats.js';
import { ALL_SYSTEMS } from './systems/index.js';

/** Everything one run measured. */
export interface RunFigures {
  machine: MachineInfo;
  options: BenchOptions;
  messages: number;
  latency?: LatencyResult[];
  cells?: CellResult[];
  memory?: MemoryResult[];
  memoryPaceMs: number;
  memoryRounds: number;
  capacity?: CapacityResult;
  /** Load average when the capacity section started. */
  capacityLoad?: string;
  packages?: PackageBenchResult[];
  goals: GoalCheck[];
  seconds: number;
}

function machineSection(f: RunFigures): string {
  const m = f.machine;
  return [
    `Measured by \`pnpm bench${f.options.quick ? ' --quick' : ''}\` on **${m.date}** (UTC), in ${f.seconds.toFixed(0)} s.`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB memory; ${m.platform}`,
    `- Node ${m.node}; load average at start ${m.loadAverage} (1/5/15 min)`,
    `- Mode: ${f.options.quick ? '**quick** (fewer calls, no wait to see how a hang ends: figures are indicative only)' : 'full'}`,
    '',
    'Every figure below was measured in this run, except the sections that carry a date of their own (capacity, embeddings, hostile clients, regions, new connections): `--only` reruns one of those alone and replaces just that section.',
  ].join('\n');
}

function goalsSection(goals: readonly GoalCheck[]): string {
  const lines = ['| Goal | Status | Evidence |', '|---|---|---|'];
  for (const g of goals) lines.push(`| ${g.goal} | **${g.status}** | ${g.evidence} |`);
  return lines.join('\n');
}

function memorySection(f: RunFigures): string {
  const rows = [
    '| System | RSS before | peak RSS | added (peak minus before) | increase within each round | streams completed | failed |',
    '|---|---:|---:|---:|---|---:|---:|',
  ];
  for (const r of f.memory ?? []) {
    if (!r.report) {
      rows.push(`| ${r.system.label} | not measured: ${mdCell(r.error ?? '')} | | | | | |`);
      continue;
    }
    const x = r.report;
    rows.push(
      `| ${r.system.label} | ${formatMiB(x.baselineRss)} | ${formatMiB(x.peakRss)} | ` +
        `${formatMiB(memoryAdded(x))} | ${x.addedPerRound.map((b) => formatMiB(b)).join(', ')} | ` +
        `${x.completed} | ${x.failed}${x.firstError ? ` (${mdCell(x.firstError, 80)})` : ''} |`,
    );
  }
  return [
    `${f.options.memoryStreams} concurrent streams of the benchmark conversation through each system, each system alone in a child process (the emulator runs in another process, pacing events ${f.memoryPaceMs} ms apart so that the streams overlap), ${f.memoryRounds} round(s) with a full GC before each. "RSS before" is after two warm-up streams and a full GC; the peak is sampled every millisecond the event loop allows and on every token; "added" is the peak of all rounds minus "RSS before". The last column lists each round's own increase over the RSS after the GC just before it: the first round grows the heap, later rounds mostly reuse the pages V8 kept. For the gateway, the measured process holds the gateway and the \`openai\` client together.`,
    '',
    ...rows,
  ].join('\n');
}

function packagesSection(results: readonly PackageBenchResult[]): string {
  const parts: string[] = [];
  for (const r of results) {
    parts.push(`### ${r.bench.name}`, '');
    if (r.status === 'missing') {
      parts.push(`Not run: \`${r.bench.dir}/package.json\` has no \`bench\` script.`, '');
      continue;
    }
    parts.push(`\`${r.command}\`: **${r.status}** in ${r.seconds.toFixed(1)} s.`, '');
    // Markdown tables are kept as markdown; anything else is shown as printed.
    if (r.output && /^\|[-:| ]+\|$/m.test(r.output)) parts.push(r.output, '');
    else if (r.output) parts.push('```text', r.output, '```', '');
    if (r.errorTail) parts.push('stderr (last lines):', '', '```text', r.errorTail, '```', '');
  }
  return parts.join('\n');
}

/**
 * RSS the concurrent streams added: the peak of all rounds minus the RSS before the first.
 * (Later rounds reuse heap pages V8 kept after the first, so their own increase is smaller;
 * they are listed per round for that reason.)
 */
export function memoryAdded(report: MemoryReport): number {
  return report.peakRss - report.baselineRss;
}

/** BENCHMARKS.md: machine and date, goals, comparison, fault table, memory, package benches. */
export function renderMarkdown(f: RunFigures): string {
  const out: string[] = [
    '# Benchmarks',
    '',
    machineSection(f),
    '',
    '![Main figures](benchmarks.svg)',
    '',
  ];
  out.push('## Goals', '', goalsSection(f.goals), '');
  if (f.latency) {
    out.push(
      '## Time per call: bedrock-bridge, the raw AWS SDK and its peers',
      '',
      `Every system calls the same emulator (\`@bedrock-bridge/emulator\` in its own process, loopback) with the same conversation: ${f.messages} messages, 3 tools, an answer streamed as 64 text deltas. ${f.options.calls} measured calls per system and mode after ${f.options.warmup} warm-up calls, one at a time, interleaved round by round in a rotating order. Only calls whose text equals the raw SDK's answer count. For these figures the gateway runs in a child process of its own, as deployed (the row \`gateway in the caller's process\` shows the other placement). "Floor" is a bare \`node:http\` keep-alive client sending the same pre-built request bytes (it parses the Converse JSON, and walks stream frames without decoding them); "first token" is when the first text delta reaches the caller, "last token" when the call has returned everything. "CPU ms per call" is the median user + system CPU time of the measuring process during a call: the client's own work (never the emulator's; the gateway's only in the in-process gateway row, the other gateway rows run it in a process of its own), a figure that waiting on a busy machine does not inflate.`,
      '',
      latencyTables(f.latency),
      '',
    );
  }
  if (f.cells) {
    const stream = f.cells.filter((c) => c.fault.mode === 'stream');
    const converse = f.cells.filter((c) => c.fault.mode === 'converse');
    out.push(
      '## Behaviour under faults',
      '',
      outcomeRule(f.options.guardMs, f.options.lateWaitMs, f.options.timeoutOptionMs),
      '',
      '### Streaming call (ConverseStream)',
      '',
      faultTable(stream, STREAM_FAULTS, ALL_SYSTEMS),
      '',
      '### Non-streaming call (Converse)',
      '',
      faultTable(converse, CONVERSE_FAULTS, ALL_SYSTEMS),
      '',
      '<details><summary>What the caller got in every cell</summary>',
      '',
      faultDetails(f.cells),
      '',
      '</details>',
      '',
    );
  }
  if (f.memory) out.push('## Memory', '', memorySection(f), '');
  if (f.capacity) {
    out.push(
      capacitySection(f.capacity, checkCapacityGoals(f.capacity), {
        date: f.machine.date,
        loadAverage: f.capacityLoad ?? f.machine.loadAverage,
        quick: f.options.quick,
      }),
      '',
    );
  }
  if (f.packages) {
    out.push(
      '## Package benchmarks',
      '',
      "Each package's own `bench` script, run by `pnpm bench` one after another; their output is copied here as printed.",
      '',
      packagesSection(f.packages),
    );
  }
  out.push('How to reproduce and what each figure means: [bench/README.md](bench/README.md).', '');
  return out.join('\n');
}
