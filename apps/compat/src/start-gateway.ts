import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Claude Sonnet 4 through its US profile: tools, streaming tool use, extended thinking. */
export const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
/** An alias of CLAUDE with thinking on, for clients that cannot send `reasoning_effort`. */
export const CLAUDE_THINKING = 'claude-thinking';
/** Claude Sonnet 4.5: native structured output. */
export const CLAUDE_JSON = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

/** The key the gateway is started with; every client sends it. */
export const API_KEY = 'sk-compat';

/** A running `bedrock-bridge serve --emulator`, as a user starts it. */
export interface RunningGateway {
  /** Base URL of the OpenAI API, e.g. `http://127.0.0.1:41234/v1`. */
  baseURL: string;
  /** Everything the process printed (one JSON line per request). */
  output(): string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const BIN = join(
  require.resolve('@bedrock-bridge/gateway/package.json'),
  '..',
  'bin',
  'bedrock-bridge.js',
);

/** Starts the real gateway bin against its in-process emulator, on a free loopback port. */
export async function startGateway(): Promise<RunningGateway> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-compat-'));
  const config = join(dir, 'gateway.yaml');
  writeFileSync(
    config,
    [
      'aliases:',
      `  ${CLAUDE_THINKING}:`,
      `    model: ${CLAUDE}`,
      '    defaults: { reasoning_effort: low }',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [BIN, 'serve', '--emulator', '--port', '0', '--store', 'memory', '--config', config],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, BEDROCK_BRIDGE_API_KEY: API_KEY } },
  );
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${out}`)), 50_000);
    const check = () => {
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}:\n${out}`)));
  });
  return {
    baseURL: url,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
