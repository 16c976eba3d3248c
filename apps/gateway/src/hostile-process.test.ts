import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRaw, rawExchange } from './test-support/raw-http.js';

/*
 * Crash checks need the gateway in its own process: an exception thrown from a listener would
 * end the test runner, not fail a test. The real bin (`pnpm build` first) runs `serve
 * --emulator --log-prompts` with a key planted in its environment; every attack below must leave
 * it answering, and its log lines must hold neither the key nor an account id.
 */

const BIN = fileURLToPath(new URL('../bin/bedrock-bridge.js', import.meta.url));
const KEY = 'sk-planted-9d1c4e';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

let child: ChildProcess;
let url = '';
let stdout = '';

beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'bb-hostile-'));
  child = spawn(
    process.execPath,
    [BIN, 'serve', '--emulator', '--port', '0', '--log-prompts', '--request-timeout', '1000'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
        BEDROCK_BRIDGE_API_KEY: KEY,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d;
  });
  const deadline = Date.now() + 20_000;
  while (!stdout.includes('"listening"')) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no start: ${stdout}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  url = (JSON.parse(stdout.split('\n')[0] ?? '{}') as { url: string }).url.replace(/\/v1$/, '');
}, 30_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

const auth = { 'content-type': 'application/json', authorization: `Bearer ${KEY}` };

async function alive(): Promise<void> {
  expect(child.exitCode).toBeNull();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'still there?' }] }),
  });
  expect(response.status).toBe(200);
}

describe('the gateway in its own process', () => {
  it('survives an assistant message with a field nested 20,000 levels (--log-prompts on)', async () => {
    const deep = `${'{"x":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const body = `{"model":"${MODEL}","messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"x","extra":${deep}}]}`;
    for (let i = 0; i < 3; i += 1) {
      const response = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: auth,
        body,
      });
      expect(response.status).toBe(400);
    }
    await alive();
  });

  it('releases 50 slow-body connections at the request timeout and keeps answering', async () => {
    const head = `POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${KEY}\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{`;
    const sockets: Socket[] = [];
    const timer = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write(' ');
    }, 100);
    try {
      // Stated bound: every one answered 408 and closed within 8 s (the limit is 1 s).
      const exchanges = await Promise.all(
        Array.from({ length: 50 }, () =>
          rawExchange(url, head, { waitMs: 8000, onSocket: (s) => sockets.push(s) }),
        ),
      );
      for (const { raw, closed } of exchanges) {
        expect(closed).toBe(true);
        expect(parseRaw(raw, closed)?.status).toBe(408);
      }
    } finally {
      clearInterval(timer);
    }
    await alive();
  }, 20_000);

  it('survives malformed HTTP and exits 0 on SIGTERM, its log lines clean', async () => {
    for (const request of [
      'POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n',
      'GET /healthz HTTP/1.1\r\nhost: x\r\nx: a\u0000b\r\n\r\n',
      `GET /healthz HTTP/1.1\r\nhost: x\r\nx: ${'a'.repeat(40_000)}\r\n\r\n`,
    ]) {
      const { raw, closed } = await rawExchange(url, request, { waitMs: 3000 });
      expect(parseRaw(raw, closed)?.status).toBeGreaterThanOrEqual(400);
    }
    await alive();
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    for (const line of lines) JSON.parse(line); // every line whole JSON
    expect(stdout).not.toContain(KEY);
    expect(stdout).not.toMatch(/\b\d{12}\b/);
  }, 20_000);
});
