import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { assertCatalogue } from './catalogue.js';
import type { EmulatorOptions } from './types.js';

/** The bin's `--help` text. */
export const HELP = `Usage: bedrock-emulator [options]

A local Amazon Bedrock (runtime + control plane) on one port, HTTP/1.1 and h2c
(or, with --tls, HTTPS with HTTP/2 or HTTP/1.1 by ALPN).

Options:
  --port N               port to listen on (default 0: any free port)
  --host H               interface to bind (default 127.0.0.1)
  --catalogue FILE       JSON catalogue of models and inference profiles (default: built-in)
  --region R             region for requests without a SigV4 scope (default us-east-1)
  --pace MS              delay between stream events in milliseconds (default 0)
  --deltas N             text deltas per streamed answer (default 8)
  --deny-streaming ID    access key id or bearer token refused converse-stream (repeatable)
  --tls                  serve HTTPS with a generated self-signed certificate
  --cert-out FILE        with --tls, write the certificate (PEM) there, e.g. for NODE_EXTRA_CA_CERTS
  -h, --help             show this help

Faults: POST /__emulator/faults with a JSON fault, for example
  curl -X POST http://127.0.0.1:PORT/__emulator/faults -d '{"type":"throttling","times":2}'
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new TypeError(`--${name} must be a non-negative integer, got "${value}"`);
  }
  return n;
}

/** The bin's options: the emulator's, and where to write the TLS certificate. */
export type CliOptions = EmulatorOptions & { certOut?: string };

/**
 * Turns bin arguments into {@link EmulatorOptions} (reading and checking `--catalogue`), or
 * `'help'`. Throws a TypeError naming the bad argument.
 */
export async function cliOptions(argv: string[]): Promise<CliOptions | 'help'> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      catalogue: { type: 'string' },
      region: { type: 'string' },
      pace: { type: 'string' },
      deltas: { type: 'string' },
      'deny-streaming': { type: 'string', multiple: true },
      tls: { type: 'boolean' },
      'cert-out': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const options: CliOptions = {};
  const port = integer('port', values.port);
  const paceMs = integer('pace', values.pace);
  const deltas = integer('deltas', values.deltas);
  if (port !== undefined) options.port = port;
  if (paceMs !== undefined) options.paceMs = paceMs;
  if (deltas !== undefined) options.deltas = deltas;
  if (values.host) options.host = values.host;
  if (values.region) options.region = values.region;
  if (values['deny-streaming']) options.denyStreamingFor = values['deny-streaming'];
  if (values['cert-out'] !== undefined && !values.tls) {
    throw new TypeError('--cert-out needs --tls');
  }
  if (values.tls) options.tls = true;
  if (values['cert-out'] !== undefined) options.certOut = values['cert-out'];
  if (values.catalogue) {
    let catalogue: unknown;
    try {
      catalogue = JSON.parse(await readFile(values.catalogue, 'utf8'));
    } catch (cause) {
      throw new TypeError(`--catalogue ${values.catalogue}: cannot read a JSON file`, { cause });
    }
    assertCatalogue(catalogue);
    options.catalogue = catalogue;
  }
  return options;
}
