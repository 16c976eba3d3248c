import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCatalogue } from './catalogue.js';
import { cliOptions } from './cli-options.js';

describe('cliOptions', () => {
  it('parses every flag', async () => {
    expect(
      await cliOptions([
        '--port',
        '8123',
        '--host',
        '0.0.0.0',
        '--pace',
        '25',
        '--deltas',
        '3',
        '--region',
        'eu-west-1',
        '--deny-streaming',
        'AKID1',
        '--deny-streaming',
        'tok',
        '--tls',
        '--cert-out',
        '/tmp/cert.pem',
      ]),
    ).toEqual({
      port: 8123,
      host: '0.0.0.0',
      paceMs: 25,
      deltas: 3,
      region: 'eu-west-1',
      denyStreamingFor: ['AKID1', 'tok'],
      tls: true,
      certOut: '/tmp/cert.pem',
    });
    await expect(cliOptions(['--cert-out', 'x.pem'])).rejects.toThrow('--cert-out needs --tls');
    expect(await cliOptions(['--help'])).toBe('help');
    expect(await cliOptions([])).toEqual({});
  });

  it('rejects bad values with a message naming the flag', async () => {
    await expect(cliOptions(['--port', 'abc'])).rejects.toThrow(
      '--port must be a non-negative integer, got "abc"',
    );
    await expect(cliOptions(['--pace', '-1'])).rejects.toThrow(/--pace/);
    await expect(cliOptions(['--nope'])).rejects.toThrow(/Unknown option '--nope'/);
    await expect(cliOptions(['--catalogue', '/does/not/exist.json'])).rejects.toThrow(
      /--catalogue/,
    );
  });

  it('reads and checks a catalogue file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-cli-'));
    try {
      const good = join(dir, 'good.json');
      await writeFile(good, JSON.stringify(defaultCatalogue));
      expect((await cliOptions(['--catalogue', good])) as object).toMatchObject({
        catalogue: { accountId: defaultCatalogue.accountId },
      });
      const bad = join(dir, 'bad.json');
      await writeFile(
        bad,
        JSON.stringify({ accountId: '1', models: 'none', inferenceProfiles: [] }),
      );
      await expect(cliOptions(['--catalogue', bad])).rejects.toThrow(/models must be an array/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const bin = fileURLToPath(new URL('../bin/bedrock-emulator.js', import.meta.url));
const distBin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const built = existsSync(distBin);
if (!built) {
  // Explicit, visible skip: the bin runs the compiled code (CI builds before testing).
  console.warn(
    `SKIPPED bedrock-emulator bin tests: ${distBin} does not exist. Build first: (cd packages/emulator && npx tsc -p tsconfig.build.json)`,
  );
}

describe.skipIf(!built)('bedrock-emulator bin (needs dist/: run the build first)', () => {
  let child: ChildProcess | undefined;
  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('listens, logs one line per request and exits 0 on SIGTERM', async () => {
    child = spawn(process.execPath, [bin, '--port', '0', '--pace', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const first = (await lines.next()).value as string;
    const url = /listening on (http:\/\/\S+)/.exec(first)?.[1];
    expect(url).toBeDefined();
    const res = await fetch(`${url}/foundation-models?byProvider=amazon`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(res.status).toBe(200);
    expect((await lines.next()).value).toMatch(
      /http1 #1 GET \/foundation-models\?byProvider=amazon 200/,
    );
    const exited = new Promise<number | null>((resolve) =>
      child?.once('exit', (code) => resolve(code)),
    );
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);

  it('prints help', async () => {
    child = spawn(process.execPath, [bin, '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child?.once('exit', resolve));
    expect(code).toBe(0);
    expect(out).toMatch(/Usage: bedrock-emulator/);
  }, 20_000);
});
