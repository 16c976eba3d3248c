// Gateway overhead against calling format + transport directly. The emulator and the gateway run
// in their own processes, the load generator in this one; CPU time per call is read per process.
// Usage: pnpm --filter @bedrock-bridge/bench bench:gateway [-- --duration-ms 2000 --rounds 3 --json --no-openai]
// BEDROCK_BRIDGE_BENCH_QUICK=1 (set by the repository's `pnpm bench --quick`) shortens the
// defaults to one round of 1 s per system and concurrency; explicit flags still win.
import { parseArgs } from 'node:util';
import { QUICK_ENV } from '../package-benches.js';
import { formatGatewayBench, runGatewayBench } from './run-gateway-bench.js';

const quick = process.env[QUICK_ENV] === '1';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    'duration-ms': { type: 'string', default: quick ? '1000' : '2000' },
    rounds: { type: 'string', default: quick ? '1' : '3' },
    concurrency: { type: 'string', default: '1,16,64' },
    'no-openai': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const result = await runGatewayBench({
  durationMs: Number(values['duration-ms']),
  rounds: Number(values.rounds),
  concurrency: values.concurrency.split(',').map(Number),
  openaiClient: !values['no-openai'],
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(
  values.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatGatewayBench(result)}\n`,
);
