#!/usr/bin/env node
// Gateway overhead against calling format + transport directly. The emulator and the gateway run
// in their own processes, the load generator in this one; CPU time per call is read per process.
// Usage: pnpm --filter @bedrock-bridge/gateway bench [-- --duration-ms 2000 --rounds 3 --json --no-openai]
import { parseArgs } from 'node:util';
import { formatGatewayBench, runGatewayBench } from '../dist/bench/run-gateway-bench.js';

const { values } = parseArgs({
  options: {
    'duration-ms': { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '3' },
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
