import { parseArgs } from 'node:util';

/** What every breakdown script (`ttft-breakdown`, `openai-fetch-breakdown`) reads from its command line. */
export interface BreakdownArgs {
  /** `--calls N`: measured rounds (default 300, a positive integer). */
  calls: number;
  /** `--warmup N`: rounds run first and not measured (default 50, a non-negative integer). */
  warmup: number;
  /** `--ways a,b`: the script's own selection, as given (`undefined` when the script has none). */
  ways: string | undefined;
}

/**
 * Parses a breakdown script's arguments (pnpm's `--` separator dropped). `waysDefault`, when
 * given, makes `--ways` an option with that default; an invalid count throws naming the flag.
 */
export function parseBreakdownArgs(argv: readonly string[], waysDefault?: string): BreakdownArgs {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      calls: { type: 'string', default: '300' },
      warmup: { type: 'string', default: '50' },
      ...(waysDefault === undefined ? {} : { ways: { type: 'string', default: waysDefault } }),
    },
  });
  const calls = Number(values.calls);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(warmup) || warmup < 0) {
    throw new Error('--calls must be a positive integer and --warmup a non-negative one');
  }
  const ways = (values as { ways?: string }).ways;
  return { calls, warmup, ways };
}
