import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';

/* The built bin with a SQLite store: a conversation survives a gateway restart (`pnpm build` first). */

const BIN = fileURLToPath(new URL('../bin/bedrock-bridge.js', import.meta.url));
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const THINKING_MODEL = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const dir = mkdtempSync(join(tmpdir(), 'bb-restart-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `serve --emulator --store <file>` and waits for its `listening` line. */
async function serve(
  store: string,
): Promise<{ child: ChildProcess; url: string; emulator: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--emulator', '--port', '0', '--store', store],
    {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let out = '';
  const listening = new Promise<{ url: string; emulator: string }>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      out += d;
      for (const line of out.split('\n')) {
        if (!line.includes('"listening"')) continue;
        const parsed = JSON.parse(line) as { url: string; upstream: string };
        resolve({ url: parsed.url, emulator: parsed.upstream });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, ...(await listening) };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

describe('stored Responses in the SQLite store', () => {
  it('continue with previous_response_id after the gateway restarted, reasoning replayed', async () => {
    const store = join(dir, 'state', 'store.sqlite');
    const first = await serve(store);
    const client = (url: string) => new OpenAI({ baseURL: url, apiKey: 'unused', maxRetries: 0 });
    const answer = await client(first.url).responses.create({
      model: MODEL,
      input: 'My name is Ada.',
    });
    const thinking = await client(first.url).responses.create({
      model: THINKING_MODEL,
      input: 'call get_weather for Rome',
      reasoning: { effort: 'low' },
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
          strict: false,
        },
      ],
    });
    await stop(first.child);

    const second = await serve(store);
    const next = await client(second.url).responses.create({
      model: MODEL,
      input: 'What is my name?',
      previous_response_id: answer.id,
    });
    expect(next.status).toBe('completed');
    const requests = (await (await fetch(`${second.emulator}/__emulator/requests`)).json()) as {
      requests: { operation: string; body: { messages: { content: { text?: string }[] }[] } }[];
    };
    const sent = requests.requests.filter((r) => r.operation === 'converse').at(-1);
    expect(sent?.body.messages.map((m) => m.content[0]?.text)).toEqual([
      'My name is Ada.',
      'Echo: My name is Ada.',
      'What is my name?',
    ]);

    // the stored thinking turn's reasoning (sealed with the key kept in the store) still opens
    const call = thinking.output.find((i) => i.type === 'function_call');
    if (call?.type !== 'function_call') throw new Error('no call');
    const after = await client(second.url).responses.create({
      model: THINKING_MODEL,
      reasoning: { effort: 'low' },
      previous_response_id: thinking.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'warm' }],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
          strict: false,
        },
      ],
    });
    expect(after.output_text).toContain('Result of get_weather: warm');
    await stop(second.child);
  }, 60_000);
});
