import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assertCatalogue, type Catalogue } from './catalogue.js';
import { startEmulator } from './start-emulator.js';
import type { EmulatorOptions } from './types.js';

const HELP = `Usage: bedrock-emulator [options]

A local Amazon Bedrock (runtime + control plane) on one port, HTTP/1.1 and h2c.

Options:
  --port N          port to listen on (default 0: any free port)
  --host H          interface to bind (default 127.0.0.1)
  --catalogue FILE  JSON catalogue of models and inference profiles (default: built-in)
  --region R        region for requests without a SigV4 scope (default us-east-1)
  --pace MS         delay between stream events in milliseconds (default 0)
  --deltas N        text deltas per streamed answer (default 8)
  --deny-streaming ID  access key id or bearer token refused converse-stream (repeatable)
  -h, --help        show this help

Faults: POST /__emulator/faults with a JSON fault, e.g.
  curl -X POST localhost:PORT/__emulator/faults -d '{"type":"throttling","times":2}'
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new TypeError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      catalogue: { type: 'string' },
      region: { type: 'string' },
      pace: { type: 'string' },
      deltas: { type: 'string' },
      'deny-streaming': { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const options: EmulatorOptions = { log: (line) => console.log(line) };
  const port = integer('port', values.port);
  const paceMs = integer('pace', values.pace);
  const deltas = integer('deltas', values.deltas);
  if (port !== undefined) options.port = port;
  if (paceMs !== undefined) options.paceMs = paceMs;
  if (deltas !== undefined) options.deltas = deltas;
  if (values.host) options.host = values.host;
  if (values.region) options.region = values.region;
  if (values['deny-streaming']) options.denyStreamingFor = values['deny-streaming'];
  if (values.catalogue) {
    const text = await readFile(values.catalogue, 'utf8');
    const catalogue: unknown = JSON.parse(text);
    assertCatalogue(catalogue);
    options.catalogue = catalogue as Catalogue;
  }
  const emulator = await startEmulator(options);
  console.log(`bedrock-emulator listening on ${emulator.url} (HTTP/1.1 and h2c)`);
  const stop = (signal: string) => {
    console.log(`bedrock-emulator: ${signal}, closing`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`bedrock-emulator: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
