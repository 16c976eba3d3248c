import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Child,
  freePort,
  hasBinary,
  startChild,
  startRedis,
} from './test-support/start-binary.js';

/*
 * Three gateway processes (the built bin) behind HAProxy (round robin), sharing one real
 * redis-server, in front of two emulator regions. Started and stopped here.
 */

const BIN = fileURLToPath(new URL('../bin/bedrock-bridge.js', import.meta.url));
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const missing = ['redis-server', 'haproxy'].filter(
  (b) => !hasBinary(b, b === 'haproxy' ? '-v' : '--version'),
);
if (missing.length > 0) {
  console.warn(
    `${missing.join(' and ')} not installed: the replica tests are skipped (apt-get install redis-server haproxy; .ci/run does it)`,
  );
}

interface Ready {
  upstreams: Array<{ name: string; state: string }>;
}

interface Replica {
  name: string;
  url: string;
  child: Child;
}

describe.skipIf(missing.length > 0)('three replicas behind HAProxy with a shared Redis', () => {
  let redis: Child & { url: string };
  let emulators: Emulator[];
  const replicas: Replica[] = [];
  let haproxy: Child;
  let lb: string;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bb-replicas-'));
    redis = await startRedis();
    emulators = await Promise.all([startEmulator(), startEmulator()]);
    const env = { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1' };
    for (const name of ['r1', 'r2', 'r3']) {
      const port = await freePort();
      const child = await startChild(
        process.execPath,
        [
          BIN,
          'serve',
          '--port',
          String(port),
          '--redis',
          redis.url,
          '--upstream',
          `us-east-1,endpoint=${emulators[0]?.url},weight=1000000000`,
          '--upstream',
          `us-west-2,endpoint=${emulators[1]?.url}`,
          '--shutdown-timeout',
          '300',
          '--max-attempts',
          '2',
        ],
        /"listening"/,
        { env, timeoutMs: 20_000 },
      );
      replicas.push({ name, url: `http://127.0.0.1:${port}`, child });
    }
    const lbPort = await freePort();
    const config = [
      'global',
      '  maxconn 256',
      'defaults',
      '  mode http',
      '  timeout connect 2s',
      '  timeout client 30s',
      '  timeout server 30s',
      '  option http-server-close',
      '  option redispatch',
      '  retries 2',
      '  retry-on conn-failure empty-response',
      'frontend gateway',
      `  bind 127.0.0.1:${lbPort}`,
      '  default_backend replicas',
      'backend replicas',
      '  balance roundrobin',
      '  option httpchk GET /healthz',
      '  http-response set-header x-served-by %[srv_name]',
      ...replicas.map(
        (r) =>
          `  server ${r.name} ${r.url.slice('http://'.length)} check inter 200ms fall 1 rise 2`,
      ),
    ].join('\n');
    const file = join(dir, 'haproxy.cfg');
    writeFileSync(file, `${config}\n`);
    haproxy = await startChild('haproxy', ['-db', '-f', file], undefined);
    lb = `http://127.0.0.1:${lbPort}`;
    const deadline = Date.now() + 10_000;
    while (
      (await fetch(`${lb}/healthz`).then(
        (r) => r.status,
        () => 0,
      )) !== 200
    ) {
      if (Date.now() > deadline) throw new Error(`HAProxy did not answer:\n${haproxy.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }, 60_000);

  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(replicas.map((r) => r.child.stop()));
    await Promise.all((emulators ?? []).map((e) => e.close()));
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function chat(base: string, content: string, stream = false) {
    return fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content }], stream }),
    });
  }
  const east = () => emulators[0] as Emulator;
  const eastCalls = () => east().requests.filter((r) => r.operation === 'converse').length;

  it('spreads requests over the three replicas', async () => {
    const served = new Set<string>();
    for (let i = 0; i < 6; i += 1) {
      const response = await chat(lb, `spread ${i}`);
      expect(response.status).toBe(200);
      served.add(response.headers.get('x-served-by') ?? '?');
    }
    expect([...served].sort()).toEqual(['r1', 'r2', 'r3']);
  });

  async function respond(body: object): Promise<{ by: string; json: Record<string, unknown> }> {
    const response = await fetch(`${lb}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== 200) throw new Error(`${response.status}: ${JSON.stringify(json)}`);
    return { by: response.headers.get('x-served-by') ?? '?', json };
  }
  /** Sends `body` through the load balancer until a replica other than `not` answers it. */
  async function respondElsewhere(not: string, body: object) {
    for (let i = 0; i < 3; i += 1) {
      const answer = await respond(body);
      if (answer.by !== not) return answer;
    }
    throw new Error(`every answer came from ${not}`);
  }
  const lastRuntimeBody = () =>
    emulators
      .flatMap((e) => e.requests)
      .filter((r) => r.operation === 'converse' || r.operation === 'converse-stream')
      .at(-1)?.body as { messages: Array<{ content: Array<Record<string, unknown>> }> };

  it('continues a stored conversation (previous_response_id) on another replica', async () => {
    const first = await respond({ model: MODEL, input: 'Remember the word teal' });
    const second = await respondElsewhere(first.by, {
      model: MODEL,
      input: 'Which word?',
      previous_response_id: first.json.id,
    });
    expect(second.json.previous_response_id).toBe(first.json.id);
    const sent = lastRuntimeBody();
    expect(sent.messages[0]?.content[0]?.text).toBe('Remember the word teal');
    expect(sent.messages[1]?.content[0]?.text).toBe('Echo: Remember the word teal');
    // What carried it is the shared Redis (no replica opened a file of its own).
    const client = new Redis(redis.url);
    try {
      const keys = await client.keys('bedrock-bridge:*');
      expect(keys.some((k) => k.includes(String(first.json.id)))).toBe(true);
    } finally {
      client.disconnect();
    }
  });

  it('keeps the reasoning of a tool loop whose turns land on different replicas', async () => {
    const common = {
      model: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      reasoning: { effort: 'low' },
      include: ['reasoning.encrypted_content'],
      store: false,
    };
    const input: unknown[] = [{ role: 'user', content: 'call get_weather for Rome' }];
    const first = await respond({ ...common, input });
    const output = first.json.output as Array<{ type: string; call_id?: string }>;
    const call = output.find((i) => i.type === 'function_call');
    expect(output.find((i) => i.type === 'reasoning')).toBeDefined();
    input.push(...output, { type: 'function_call_output', call_id: call?.call_id, output: 'warm' });
    // another replica opens the first one's sealed reasoning (the key is shared through Redis)
    const second = await respondElsewhere(first.by, { ...common, input });
    expect(JSON.stringify(second.json.output)).toContain('Result of get_weather: warm');
    const assistant = lastRuntimeBody().messages[1];
    expect(Object.keys(assistant?.content[0] ?? {})).toEqual(['reasoningContent']);
  });

  it('a cool-down one replica opens reaches the others through Redis', {
    timeout: 20_000,
  }, async () => {
    // Three throttles open us-east-1's circuit on r1 (threshold 3); each call still gets its
    // answer from us-west-2.
    east().inject({ type: 'throttling', times: 3, operation: 'converse' });
    for (let i = 0; i < 3; i += 1) {
      expect((await chat((replicas[0] as Replica).url, `open it ${i}`)).status).toBe(200);
    }
    const r1 = (await (await fetch(`${(replicas[0] as Replica).url}/readyz`)).json()) as Ready;
    expect(r1.upstreams).toContainEqual({ name: 'us-east-1', state: 'open' });
    // The other replicas read shared cool-downs at most once a second, in the background.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    for (const r of replicas.slice(1)) await chat(r.url, 'read the shared cool-downs');
    await expect
      .poll(
        async () => {
          const states = await Promise.all(
            replicas.map(
              async (r) =>
                ((await (await fetch(`${r.url}/readyz`)).json()) as Ready).upstreams[0]?.state,
            ),
          );
          return states;
        },
        { timeout: 5_000 },
      )
      .toEqual(['open', 'open', 'open']);
    const before = eastCalls();
    for (let i = 0; i < 6; i += 1)
      expect((await chat(lb, `avoid us-east-1 ${i}`)).status).toBe(200);
    expect(eastCalls()).toBe(before);
  });

  it('a replica stopped mid-stream ends that stream with an error event; the others keep serving', {
    timeout: 20_000,
  }, async () => {
    for (const e of emulators)
      e.inject({ type: 'pause', afterEvents: 3, delayMs: 4_000, operation: 'converse-stream' });
    const response = await chat(lb, 'a long answer', true);
    expect(response.status).toBe(200);
    const victim = replicas.find((r) => r.name === response.headers.get('x-served-by'));
    if (victim === undefined) throw new Error('no x-served-by header');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    const first = await reader.read();
    text += new TextDecoder().decode(first.value);
    victim.child.process.kill('SIGTERM');
    for (;;) {
      const next = await reader
        .read()
        .catch((error: Error) => ({ done: true, value: undefined, error }));
      if (next.done) break;
      text += new TextDecoder().decode(next.value);
    }
    expect(text).toContain('"error"');
    expect(text).toMatch(/shutting down/);
    expect(text).not.toContain('[DONE]');
    for (const e of emulators) e.clearFaults();
    for (let i = 0; i < 4; i += 1) {
      const after = await chat(lb, `still served ${i}`);
      expect(after.status).toBe(200);
      expect(after.headers.get('x-served-by')).not.toBe(victim.name);
    }
  });

  it('a replica killed (SIGKILL) mid-stream leaves its client an error, never a clean end', {
    timeout: 20_000,
  }, async () => {
    for (const e of emulators)
      e.inject({ type: 'pause', afterEvents: 3, delayMs: 4_000, operation: 'converse-stream' });
    const response = await chat(lb, 'another long answer', true);
    expect(response.status).toBe(200);
    const victim = replicas.find((r) => r.name === response.headers.get('x-served-by'));
    if (victim === undefined) throw new Error('no x-served-by header');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = new TextDecoder().decode((await reader.read()).value);
    victim.child.process.kill('SIGKILL');
    let failed = false;
    for (;;) {
      const next = await reader.read().catch(() => {
        failed = true;
        return { done: true as const, value: undefined };
      });
      if (next.done) break;
      text += new TextDecoder().decode(next.value);
    }
    // HAProxy cannot add an error event for a dead replica: it cuts the chunked response, and
    // the client's HTTP library reports a read error (not a clean end without [DONE])
    expect(failed).toBe(true);
    expect(text).not.toContain('[DONE]');
    for (const e of emulators) e.clearFaults();
    const after = await chat(lb, 'the last replica serves');
    expect(after.status).toBe(200);
  });
});
