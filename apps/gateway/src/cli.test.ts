import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/* The built bin, as users run it (`pnpm build` first; the root test script does). */

const BIN = fileURLToPath(new URL('../bin/bedrock-bridge.js', import.meta.url));
const children: ChildProcess[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const server of servers.splice(0)) {
    await new Promise((resolve) => server.close(resolve));
  }
});

/** An environment with no AWS credentials anywhere. */
function bareEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'bb-home-'));
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

function run(args: string[], env = bareEnv()) {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d;
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d;
  });
  const exit = once(child, 'exit').then(([code]) => ({ code: code as number, stdout, stderr }));
  return { child, exit, out: () => stdout };
}

// Each case starts real processes (the bin, often an emulator too): seconds each on a busy machine.
describe('bedrock-bridge CLI', { timeout: 60_000 }, () => {
  it.each([[[]], [['serve']], [['chat']], [['models']], [['demo']]])(
    '--help works: %j',
    async (args) => {
      const { code, stdout } = await run([...args, '--help']).exit;
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: bedrock-bridge');
      if (args[0] === 'serve') expect(stdout).toMatch(/--api-key[\s\S]*BEDROCK_BRIDGE_API_KEY/);
    },
  );

  it('serve without credentials exits with a message saying what to do', async () => {
    const { code, stderr } = await run(['serve', '--port', '0']).exit;
    expect(code).toBe(2);
    expect(stderr).toContain('No AWS credentials found');
    expect(stderr).toContain('--emulator');
    expect(stderr).toContain('AWS_PROFILE');
  });

  it('serve --emulator on a port in use says so and exits (nothing left holding the process)', async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as import('node:net').AddressInfo;
    const { code, stderr } = await run(['serve', '--emulator', '--port', String(port)]).exit;
    expect(code).toBe(1);
    expect(stderr).toContain(`EADDRINUSE: address already in use 127.0.0.1:${port}`);
  });

  it('documents in the README exactly the flags --help lists', async () => {
    const flags = (text: string) => new Set(text.match(/--[a-z][a-z-]*/g) ?? []);
    const help = new Set<string>();
    for (const command of ['serve', 'chat', 'models', 'demo']) {
      const { code, stdout } = await run([command, '--help']).exit;
      expect(code).toBe(0);
      for (const flag of flags(stdout)) help.add(flag);
    }
    help.delete('--help');
    const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');
    // pnpm's --filter, the bench scripts' --no-openai, --only, --profiles and --slow-seconds, and
    // Node's own flags (the README's sections on the young generation and on memory per open
    // stream) are not the CLI's.
    const notCli = new Set([
      '--filter',
      '--help',
      '--no-openai',
      '--only',
      '--profiles',
      '--slow-seconds',
      '--heapsnapshot-signal',
      '--max-semi-space-size',
      '--optimize-for-size',
      '--trace-gc-nvp',
    ]);
    const documented = [...flags(readme)].filter((f) => !notCli.has(f));
    expect(documented.sort()).toEqual([...help].sort());
  });

  it('--version prints the version from package.json', async () => {
    const { code, stdout } = await run(['--version']).exit;
    expect(code).toBe(0);
    const pkg = JSON.parse(
      readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'),
    );
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('rejects a bad option with a clear message', async () => {
    const { code, stderr } = await run(['serve', '--port', 'eighty']).exit;
    expect(code).not.toBe(0);
    expect(stderr).toContain('--port');
  });

  it('serve --emulator answers, then drains and exits 0 on SIGTERM', async () => {
    const key = 'sk-cli-secret-7f3a';
    const server = run(['serve', '--emulator', '--port', '0', '--api-key', key]);
    await expect.poll(() => server.out(), { timeout: 20_000 }).toContain('"listening"');
    const listening = JSON.parse(server.out().split('\n')[0] ?? '{}') as { url: string };
    const response = await fetch(`${listening.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: 'over the wire' }],
      }),
    });
    expect(response.status).toBe(200);
    await response.json();
    await expect.poll(() => server.out(), { timeout: 10_000 }).toContain('"msg":"request"');
    server.child.kill('SIGTERM');
    const { code, stdout, stderr } = await server.exit;
    expect(code).toBe(0);
    expect(stdout).toContain('"msg":"stopped"');
    const requestLine = stdout.split('\n').find((l) => l.includes('"msg":"request"')) ?? '';
    expect(JSON.parse(requestLine)).toMatchObject({
      status: 200,
      attempts: 1,
      model: 'anthropic.claude-3-haiku-20240307-v1:0',
    });
    expect(stdout).not.toContain('over the wire');
    expect(stdout + stderr).not.toContain(key);
  });

  it('serve passes the upstream deadline and attempt flags to the transport', async () => {
    const server = run([
      'serve',
      '--emulator',
      '--port',
      '0',
      '--first-byte-ms',
      '300',
      '--max-attempts',
      '1',
    ]);
    await expect.poll(() => server.out(), { timeout: 20_000 }).toContain('"listening"');
    const listening = JSON.parse(server.out().split('\n')[0] ?? '{}') as {
      url: string;
      upstream: string;
    };
    // The emulator never answers the next Converse: only the 300 ms deadline can end the call
    // (the default would hold it for two minutes, past this test's timeout).
    const injected = await fetch(`${listening.upstream}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'blackhole', operation: 'converse' }),
    });
    expect(injected.ok).toBe(true);
    const response = await fetch(`${listening.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: 'are you there?' }],
      }),
    });
    expect(response.status).toBe(504);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('upstream_timeout');
    expect(error.message).toContain('firstByteMs=300');
    server.child.kill('SIGTERM');
    expect((await server.exit).code).toBe(0);
    const log =
      server
        .out()
        .split('\n')
        .find((l) => l.includes('"msg":"request"')) ?? '{}';
    expect(JSON.parse(log)).toMatchObject({ status: 504, attempts: 1 });
  });

  it('serve refuses an empty API key instead of running without auth', async () => {
    const { code, stderr } = await run(['serve', '--emulator', '--port', '0', '--api-key', ' '])
      .exit;
    expect(code).toBe(2);
    expect(stderr).toContain('The API key is empty');
    const fromEnv = await run(['serve', '--emulator', '--port', '0'], {
      ...bareEnv(),
      BEDROCK_BRIDGE_API_KEY: '',
    }).exit;
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain('The API key is empty');
  });

  it('serve warns when it listens beyond loopback without an API key, not on loopback', async () => {
    const open = run(['serve', '--emulator', '--port', '0', '--host', '0.0.0.0']);
    await expect.poll(() => open.out(), { timeout: 20_000 }).toContain('"listening"');
    await expect.poll(() => open.out(), { timeout: 5_000 }).toContain('without --api-key');
    open.child.kill('SIGTERM');
    expect((await open.exit).code).toBe(0);
    const warning =
      open
        .out()
        .split('\n')
        .find((l) => l.includes('without --api-key')) ?? '{}';
    expect(JSON.parse(warning)).toMatchObject({ level: 'warn' });

    const local = run(['serve', '--emulator', '--port', '0']);
    await expect.poll(() => local.out(), { timeout: 20_000 }).toContain('"listening"');
    local.child.kill('SIGTERM');
    expect((await local.exit).code).toBe(0);
    expect(local.out()).not.toContain('without --api-key');
  });

  it('models --emulator --json prints the table as JSON', async () => {
    const { code, stdout } = await run(['models', '--emulator', '--json']).exit;
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as { id: string; access: string; contextLength: number }[];
    expect(rows.find((r) => r.id === 'anthropic.claude-3-haiku-20240307-v1:0')).toMatchObject({
      access: 'on-demand',
      contextLength: 200000,
    });
    expect(rows.find((r) => r.id === 'anthropic.claude-sonnet-4-20250514-v1:0')?.access).toBe(
      'profile only',
    );
  });

  it('demo exits 0, prints every step, and leaves no process behind', async () => {
    const { code, stdout } = await run(['demo']).exit;
    expect(code).toBe(0);
    for (const line of [
      'A plain answer',
      'A streamed answer, token by token',
      'A tool-call round trip',
      'A stale pooled connection, healed',
      'A truncated stream, reported as an error',
      'A context overflow, reported as such',
      'The model list, with context lengths',
      '7/7 steps behaved as expected.',
    ]) {
      expect(stdout).toContain(line);
    }
    expect(stdout).not.toContain('FAILED');
  });
});
