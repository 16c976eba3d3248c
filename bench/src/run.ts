import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkCapacityGoals } from './capacity/capacity-goals.js';
import { renderCapacityChart } from './capacity/chart-capacity.js';
import { measureCapacity } from './capacity/measure-capacity.js';
import { measureNewConnections, NEW_CONNECTION_DEFAULTS } from './capacity/new-connections.js';
import { capacitySection, spliceCapacity } from './capacity/report-capacity.js';
import { newConnectionsSection, spliceNewConnections } from './capacity/report-new-connections.js';
import { type LatencyBar, type MemoryBar, type OutcomeCell, renderChart } from './chart.js';
import { buildConversation, DELTAS, messageCount } from './conversation.js';
import { measureEmbeddings } from './embeddings/measure-embeddings.js';
import { embeddingsSection, spliceEmbeddings } from './embeddings/report-embeddings.js';
import { CONVERSE_FAULTS, STREAM_FAULTS } from './fault-cases.js';
import { installStrayErrorHandler, runFaultTable } from './faults.js';
import { checkGoals } from './goals.js';
import { HOSTILE_DEFAULTS, measureHostile } from './hostile/measure-hostile.js';
import { hostileSection, spliceHostile } from './hostile/report-hostile.js';
import { measureLatency, type Reference } from './latency.js';
import { machineInfo } from './machine.js';
import { measureMemory } from './memory.js';
import { BenchUsageError, parseOptions, USAGE } from './options.js';
import { runPackageBenches } from './package-benches.js';
import { progress } from './progress.js';
import { measureRegions } from './regions/measure-regions.js';
import { regionsSection, spliceRegions } from './regions/report-regions.js';
import { memoryAdded, type RunFigures, renderMarkdown } from './report.js';
import { spawnEmulator } from './service-process.js';
import { ALL_SYSTEMS } from './systems/index.js';
import { rawSdkSystem } from './systems/raw-sdk.js';
import type { SystemDef } from './systems/system.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MEMORY_PACE_MS = 2;

/** The raw SDK's answers to the conversation: what every other system must return. */
async function referenceAnswers(url: string): Promise<Reference> {
  const client = await rawSdkSystem.create({
    url,
    conversation: buildConversation(),
    purpose: 'latency',
  });
  try {
    const converse = await client.converse();
    const stream = await client.stream(() => {});
    if (converse.length === 0 || stream !== converse) {
      throw new Error(
        `the emulator's answers differ: converse ${JSON.stringify(converse.slice(0, 40))}, stream ${JSON.stringify(stream.slice(0, 40))}`,
      );
    }
    return { converse, stream };
  } finally {
    await client.close();
  }
}

function chartInput(figures: RunFigures) {
  // The chart holds the main systems; information rows stay in the tables.
  const main = (system: SystemDef): boolean => system.role !== 'info';
  const latency: LatencyBar[] = [];
  for (const r of figures.latency ?? []) {
    if (!main(r.system)) continue;
    const system = r.system.short;
    if (r.converse) {
      latency.push({ system, metric: 'converse', median: r.converse.median, p90: r.converse.p90 });
    }
    if (r.ttft) {
      latency.push({
        system,
        metric: 'stream: first token',
        median: r.ttft.median,
        p90: r.ttft.p90,
      });
    }
    if (r.ttlt) {
      latency.push({
        system,
        metric: 'stream: last token',
        median: r.ttlt.median,
        p90: r.ttlt.p90,
      });
    }
  }
  const rowOf = (system: SystemDef, variant: 'default' | 'timeout'): string =>
    variant === 'default' ? system.short : `${system.short}, timeout set`;
  const streamCells = (figures.cells ?? []).filter(
    (c) => c.fault.mode === 'stream' && main(c.system),
  );
  const outcomes: OutcomeCell[] = streamCells.map((c) => ({
    row: rowOf(c.system, c.variant),
    fault: c.fault.label,
    outcome: c.outcome,
  }));
  const outcomeRows: string[] = [];
  for (const variant of ['default', 'timeout'] as const) {
    for (const system of ALL_SYSTEMS) {
      const row = rowOf(system, variant);
      if (outcomes.some((o) => o.row === row)) outcomeRows.push(row);
    }
  }
  const memory: MemoryBar[] = (figures.memory ?? []).flatMap((m) =>
    m.report && m.system.memory === 'chart'
      ? [
          {
            system: m.system.short,
            deltaMiB: memoryAdded(m.report) / 1024 / 1024,
          },
        ]
      : [],
  );
  return {
    latency,
    outcomes,
    outcomeRows,
    outcomeFaults: STREAM_FAULTS.map((f) => f.label),
    memory,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2), REPO_ROOT);
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const machine = machineInfo();
  installStrayErrorHandler();
  const conversation = buildConversation();
  const systems = ALL_SYSTEMS.filter((s) => options.systems?.has(s.id) ?? true);
  progress(
    `${options.quick ? 'quick' : 'full'} run on ${machine.cpuModel} x${machine.cores}, Node ${machine.node}; sections: ${[...options.sections].join(', ')}`,
  );
  const figures: RunFigures = {
    machine,
    options,
    messages: messageCount(conversation),
    memoryPaceMs: MEMORY_PACE_MS,
    memoryRounds: options.quick ? 1 : 5,
    goals: [],
    seconds: 0,
  };

  const emulator = await spawnEmulator({ deltas: DELTAS, paceMs: 0 });
  try {
    const reference = await referenceAnswers(emulator.url);
    progress(`reference answer: ${reference.converse.length} characters`);
    if (options.sections.has('latency')) {
      figures.latency = await measureLatency({
        systems,
        url: emulator.url,
        conversation,
        reference,
        calls: options.calls,
        warmup: options.warmup,
      });
    }
    if (options.sections.has('faults')) {
      figures.cells = await runFaultTable({
        systems,
        faults: [...STREAM_FAULTS, ...CONVERSE_FAULTS],
        conversation,
        expected: reference,
        guardMs: options.guardMs,
        lateWaitMs: options.lateWaitMs,
        timeoutMs: options.timeoutOptionMs,
        concurrency: options.faultConcurrency,
      });
    }
  } finally {
    await emulator.close();
  }
  if (options.sections.has('memory')) {
    const paced = await spawnEmulator({ deltas: DELTAS, paceMs: MEMORY_PACE_MS });
    try {
      figures.memory = await measureMemory({
        // A quick run measures the chart's systems only; table rows cost a child each.
        systems: systems.filter(
          (s) => s.memory === 'chart' || (s.memory === 'table' && !options.quick),
        ),
        url: paced.url,
        streams: options.memoryStreams,
        rounds: figures.memoryRounds,
        parallel: 3,
      });
    } finally {
      await paced.close();
    }
  }
  if (options.sections.has('capacity')) {
    figures.capacityLoad = os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ');
    figures.capacity = await measureCapacity(options.capacity);
  }
  let embeddings: string | undefined;
  if (options.sections.has('embeddings')) {
    const result = await measureEmbeddings({ rounds: options.embeddingRounds });
    embeddings = embeddingsSection(result, new Date().toISOString());
  }
  let regions: string | undefined;
  if (options.sections.has('regions')) {
    const settings = {
      requests: options.quick ? 500 : 3000,
      concurrency: 16,
      firstByteMs: 1500,
    };
    const load = os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ');
    regions = regionsSection(
      await measureRegions(settings),
      settings,
      new Date().toISOString(),
      load,
    );
  }
  if (options.sections.size === 1 && regions !== undefined) {
    // A regions-only run replaces its own section of BENCHMARKS.md and leaves the rest.
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'BENCHMARKS.md');
    const before = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    await writeFile(file, spliceRegions(before, regions));
    process.stdout.write(`${regions}\n`);
    progress(`wrote the regions section of ${file}`);
    process.exit(0);
  }
  let newConnections: string | undefined;
  if (options.sections.has('new-connections')) {
    const settings = options.quick
      ? { ...NEW_CONNECTION_DEFAULTS, streams: 600, seconds: 8 }
      : NEW_CONNECTION_DEFAULTS;
    newConnections = newConnectionsSection(await measureNewConnections(settings));
  }
  if (options.sections.size === 1 && newConnections !== undefined) {
    // A run of this section alone replaces its own section of BENCHMARKS.md and leaves the rest.
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'BENCHMARKS.md');
    const before = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    await writeFile(file, spliceNewConnections(before, newConnections));
    process.stdout.write(`${newConnections}\n`);
    progress(`wrote the new-connections section of ${file}`);
    process.exit(0);
  }
  let hostile: string | undefined;
  if (options.sections.has('hostile')) {
    const load = os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' / ');
    const settings = options.quick
      ? {
          ...HOSTILE_DEFAULTS,
          seconds: 8,
          normal: 50,
          slowBody: 10,
          neverReading: 10,
          disconnecting: 10,
        }
      : HOSTILE_DEFAULTS;
    hostile = hostileSection(await measureHostile(settings), new Date().toISOString(), load);
  }
  if (options.sections.size === 1 && hostile !== undefined) {
    // A hostile-only run replaces its own section of BENCHMARKS.md and leaves the rest.
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'BENCHMARKS.md');
    const before = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    await writeFile(file, spliceHostile(before, hostile));
    process.stdout.write(`${hostile}\n`);
    progress(`wrote the hostile section of ${file}`);
    process.exit(0);
  }
  if (options.sections.size === 1 && embeddings !== undefined) {
    // An embeddings-only run replaces its own section of BENCHMARKS.md and leaves the rest.
    await mkdir(options.outDir, { recursive: true });
    const file = path.join(options.outDir, 'BENCHMARKS.md');
    const before = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    await writeFile(file, spliceEmbeddings(before, embeddings));
    process.stdout.write(`${embeddings}\n`);
    progress(`wrote the embeddings section of ${file}`);
    process.exit(0);
  }
  if (options.sections.has('packages')) {
    figures.packages = await runPackageBenches({
      root: REPO_ROOT,
      quick: options.quick,
      timeoutMs: options.quick ? 60_000 : 300_000,
    });
  }
  figures.goals = checkGoals(figures.latency ?? [], figures.cells ?? []);
  figures.seconds = (performance.now() - started) / 1000;
  await mkdir(options.outDir, { recursive: true });
  const subtitle = `${machine.date.slice(0, 16).replace('T', ' ')} UTC; ${machine.cpuModel}, ${machine.cores} cores (shared), ${machine.memoryGiB} GiB; Node ${machine.node}; load average ${figures.capacityLoad ?? machine.loadAverage}`;
  if (figures.capacity) {
    await writeFile(
      path.join(options.outDir, 'benchmarks-capacity.svg'),
      await renderCapacityChart(figures.capacity, subtitle),
    );
  }
  if (options.sections.size === 1 && figures.capacity) {
    // A capacity-only run replaces its own section of BENCHMARKS.md and leaves the rest.
    const file = path.join(options.outDir, 'BENCHMARKS.md');
    const before = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
    const section = capacitySection(figures.capacity, checkCapacityGoals(figures.capacity), {
      date: machine.date,
      loadAverage: figures.capacityLoad ?? machine.loadAverage,
      quick: options.quick,
    });
    await writeFile(file, spliceCapacity(before, section));
    process.stdout.write(`${section}\n`);
    progress(`wrote the capacity section of ${file} and benchmarks-capacity.svg`);
    process.exit(0);
  }
  const withEmbeddings =
    embeddings === undefined
      ? renderMarkdown(figures)
      : spliceEmbeddings(renderMarkdown(figures), embeddings);
  const withHostile =
    hostile === undefined ? withEmbeddings : spliceHostile(withEmbeddings, hostile);
  const withRegions = regions === undefined ? withHostile : spliceRegions(withHostile, regions);
  const markdown =
    newConnections === undefined ? withRegions : spliceNewConnections(withRegions, newConnections);
  const svg = await renderChart({
    title: `bedrock-bridge vs the raw AWS SDK, AI SDK and LangChain${options.quick ? ' (quick run)' : ''}`,
    subtitle: `${machine.date.slice(0, 16).replace('T', ' ')} UTC; ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB; Node ${machine.node}; emulator on loopback`,
    memoryTitle: `RSS added by ${options.memoryStreams} concurrent streams (peak minus before)`,
    ...chartInput(figures),
  });
  await writeFile(path.join(options.outDir, 'BENCHMARKS.md'), markdown);
  await writeFile(path.join(options.outDir, 'benchmarks.svg'), svg);
  process.stdout.write(`${markdown}\n`);
  progress(
    `wrote ${path.join(options.outDir, 'BENCHMARKS.md')} and benchmarks.svg in ${figures.seconds.toFixed(0)} s`,
  );
  // Abandoned calls of hang cells may still hold timers or sockets; the report is written.
  process.exit(0);
}

main().catch((err: unknown) => {
  if (err instanceof BenchUsageError) {
    process.stderr.write(`bench: ${err.message}\nRun with --help for the options.\n`);
    process.exit(2);
  }
  process.stderr.write(
    `bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
