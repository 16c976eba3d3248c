import { parseArgs } from 'node:util';
import type { CapacitySettings } from './capacity/measure-capacity.js';
import type { ProfileId } from './capacity/workloads.js';

const PROFILES: readonly ProfileId[] = ['large', 'chat', 'slow'];

/** The sections a run can do; `--only` picks a subset (comma separated). */
export const SECTIONS = [
  'latency',
  'faults',
  'memory',
  'capacity',
  'embeddings',
  'packages',
  'hostile',
  'regions',
  'new-connections',
] as const;
export type Section = (typeof SECTIONS)[number];

/** Settings of one run, from the command line. */
export interface BenchOptions {
  /** `--quick`: fewer calls and no wait after a hang, for development (< 2 minutes). */
  quick: boolean;
  /** Measured calls per system and mode after warm-up (300 full, 40 quick; `--calls N`). */
  calls: number;
  /** Warm-up calls per system and mode, not measured. */
  warmup: number;
  /**
   * A fault cell that has not ended after this many ms is a hang: 20 s in both modes (a shorter
   * quick guard would call our own 15 s deadlines hangs, and the quick table would disagree
   * with the full one).
   */
  guardMs: number;
  /**
   * After a hang, how much longer a full run waits to see whether the call ends on its own
   * (130 s full: past the transport's 120 s first-byte default; 0 quick).
   */
  lateWaitMs: number;
  /** The value given to each system's own timeout option in the "timeout set" fault rows. */
  timeoutOptionMs: number;
  /** Concurrent streams in the memory test. */
  memoryStreams: number;
  /** Fault cells run at the same time. */
  faultConcurrency: number;
  /** Which sections to run. */
  sections: Set<Section>;
  /** `--systems a,b`: only these system ids (the raw SDK reference still runs). Default: all. */
  systems?: Set<string>;
  /** Where BENCHMARKS.md and benchmarks.svg go (the repository root by default). */
  outDir: string;
  /** The capacity section's settings (`--profiles large,chat,slow` picks its profiles). */
  capacity: CapacitySettings;
  /** Measured rounds of the embeddings section (7 full, 3 quick), after one warm-up. */
  embeddingRounds: number;
}

/** What `--help` prints: the options and their defaults (the README's table, in short). */
export const USAGE = `Usage: node --expose-gc dist/run.js [options]   (or: pnpm bench -- [options])

  --quick              fewer calls (40 per system and mode), no wait after a hang; under 2 minutes
  --calls N            measured calls per system and mode (default 300, quick 40)
  --only a,b           sections: ${SECTIONS.join(', ')} (default: all)
  --profiles a,b       capacity profiles: ${PROFILES.join(', ')} (default: all)
  --slow-seconds N     how long each slow stream lasts, >= 1 (default 60, quick 10)
  --systems a,b        system ids of the latency section (default: all; see bench/README.md)
  --out DIR            where BENCHMARKS.md and the charts go (default: the repository root)
  --help               this text

Environment: BENCH_CPU_PROF_DIR=DIR (a V8 CPU profile per child process),
BENCH_GC_PROF_DIR=DIR (garbage collections of the gateway and floor proxy).
`;

/** A command-line mistake: reported as one line and a pointer to `--help`, without a stack. */
export class BenchUsageError extends Error {
  override readonly name = 'BenchUsageError';
}

function isSection(value: string): value is Section {
  return (SECTIONS as readonly string[]).includes(value);
}

/**
 * Parses `process.argv`-style arguments into options, or `'help'` for `--help` / `-h`; an
 * unknown flag or a bad value is a `BenchUsageError`.
 */
export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions | 'help' {
  try {
    return parseKnown(argv, repoRoot);
  } catch (err) {
    if (err instanceof BenchUsageError) throw err;
    // node:util's parseArgs errors (an unknown option, a missing value) name the option.
    throw new BenchUsageError(err instanceof Error ? err.message : String(err), { cause: err });
  }
}

function parseKnown(argv: readonly string[], repoRoot: string): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      calls: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      systems: { type: 'string' },
      profiles: { type: 'string' },
      'slow-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return 'help';
  const quick = values.quick === true;
  const sections = new Set<Section>();
  for (const name of (values.only ?? SECTIONS.join(',')).split(',')) {
    const trimmed = name.trim();
    if (!isSection(trimmed)) {
      throw new BenchUsageError(
        `--only: unknown section "${trimmed}" (known: ${SECTIONS.join(', ')})`,
      );
    }
    sections.add(trimmed);
  }
  const calls = values.calls === undefined ? (quick ? 40 : 300) : Number(values.calls);
  if (!Number.isInteger(calls) || calls < 1) {
    throw new BenchUsageError(`--calls must be a positive integer, got "${values.calls}"`);
  }
  const guardMs = 20_000;
  if (values['slow-seconds'] !== undefined && !(Number(values['slow-seconds']) >= 1)) {
    throw new BenchUsageError(
      `--slow-seconds must be a number >= 1, got "${values['slow-seconds']}"`,
    );
  }
  const profiles: ProfileId[] = [];
  for (const name of (values.profiles ?? PROFILES.join(',')).split(',')) {
    const found = PROFILES.find((p) => p === name.trim());
    if (found === undefined) {
      throw new BenchUsageError(
        `--profiles: unknown profile "${name}" (known: ${PROFILES.join(', ')})`,
      );
    }
    profiles.push(found);
  }
  return {
    quick,
    calls,
    warmup: quick ? 10 : 50,
    guardMs,
    lateWaitMs: quick ? 0 : 130_000,
    timeoutOptionMs: quick ? 2_000 : 3_000,
    memoryStreams: 64,
    faultConcurrency: quick ? 24 : 48,
    sections,
    ...(values.systems === undefined
      ? {}
      : { systems: new Set(values.systems.split(',').map((x) => x.trim())) }),
    outDir: values.out ?? repoRoot,
    embeddingRounds: quick ? 3 : 7,
    capacity: {
      stepSeconds: quick ? 2 : 5,
      halfSeconds: quick ? 4 : 20,
      bisections: quick ? 3 : 4,
      slowStreams: 1000,
      slowSeconds:
        values['slow-seconds'] === undefined ? (quick ? 10 : 60) : Number(values['slow-seconds']),
      profiles,
      decodeCalls: quick ? 200 : 1000,
    },
  };
}
