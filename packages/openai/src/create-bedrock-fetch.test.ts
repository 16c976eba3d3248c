import type OpenAI from 'openai';
import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, type InProcess, startInProcess } from './test-support/start-in-process.js';

/* The official openai client -> createBedrockFetch (in-process) -> transport -> emulator. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

let t: InProcess;
beforeAll(async () => {
  t = await startInProcess();
});
afterAll(async () => {
  await t.close();
});

async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(error instanceof APIError)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

describe('createBedrockFetch with the openai client', () => {
  it('answers a chat completion, without a socket to the base URL', async () => {
    const answer = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hello in-process' }],
      max_tokens: 50,
    });
    expect(answer.object).toBe('chat.completion');
    expect(answer.choices[0]?.message.content).toBe('Echo: Hello in-process');
    expect(t.emulator.requests.at(-1)?.operation).toBe('converse');
  });

  it('streams chunk by chunk, ending with usage when asked', async () => {
    const stream = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'stream me a reply please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Echo: stream me a reply please');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1);
    expect(chunks.at(-1)?.usage?.total_tokens).toBeGreaterThan(0);
    expect(t.heard.streams.at(-1)).toMatchObject({ ok: true });
    expect(t.heard.streams.at(-1)?.firstTokenAt).toBeTypeOf('number');
  });

  it('names a dropped field in x-bedrock-bridge-warnings, and rejects it under strict', async () => {
    const ask = {
      model: MODEL,
      messages: [{ role: 'user' as const, content: 'hi' }],
      temperature: 0.5,
      top_p: 0.9,
    };
    const { response } = await t.client.chat.completions
      .create({ ...ask, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' })
      .withResponse();
    expect(response.headers.get('x-bedrock-bridge-warnings')).toContain('top_p');
    const strict = await apiError(
      t.client.chat.completions.create(
        { ...ask, model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0' },
        { headers: { 'x-bedrock-bridge-params': 'strict' } },
      ),
    );
    expect(strict.status).toBe(400);
    expect(strict.param).toBeTruthy();
  });

  it('keeps the warnings header on an error answered after the conversion', async () => {
    t.emulator.inject({ type: 'throttling', times: 2, operation: 'converse' });
    const error = await apiError(
      t.client.chat.completions.create({
        model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 0.5,
        top_p: 0.9,
      }),
    );
    expect(error.status).toBe(429);
    expect(error.headers?.get('x-bedrock-bridge-warnings')).toContain('top_p');
    expect(error.headers?.get('retry-after')).toBe('1');
  });

  it('answers invalid requests with OpenAI errors naming the field', async () => {
    const bad = await apiError(
      t.client.chat.completions.create({
        model: MODEL,
        messages: [{ role: 'user', content: 42 as unknown as string }],
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.param).toBe('messages[0].content');
    const unknown = await apiError(
      t.client.chat.completions.create({
        model: 'no-such-model',
        messages: [{ role: 'user', content: 'x' }],
      }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.code).toBe('model_not_found');
    const route = await t.fetch(`${BASE_URL}/audio/speech`, { method: 'POST', body: '{}' });
    expect(route.status).toBe(404);
    expect(((await route.json()) as { error: { message: string } }).error.message).toContain(
      '/v1/audio/speech',
    );
    const json = await t.fetch(`${BASE_URL}/chat/completions`, { method: 'POST', body: '{"a":' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('lists the models, and answers one by id', async () => {
    const list = await t.client.models.list();
    const ids = list.data.map((m) => m.id);
    expect(ids).toContain(MODEL);
    const one = await t.client.models.retrieve(MODEL);
    expect(one.id).toBe(MODEL);
    const missing = await apiError(t.client.models.retrieve('no-such-model'));
    expect(missing.status).toBe(404);
  });

  it('aborts the upstream call at once when the client aborts mid-stream', async () => {
    t.emulator.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
    const from = t.heard.streams.length;
    const controller = new AbortController();
    const stream = await t.client.chat.completions.create(
      { model: MODEL, messages: [{ role: 'user', content: 'a long answer please' }], stream: true },
      { signal: controller.signal },
    );
    const openBefore = t.emulator.connections.open;
    const seen: string[] = [];
    const reading = (async () => {
      for await (const chunk of stream) {
        seen.push(chunk.choices[0]?.delta.content ?? '');
        controller.abort();
      }
    })();
    await reading.catch(() => undefined);
    expect(seen.length).toBeGreaterThan(0);
    expect(t.emulator.requests.at(-1)?.fault).toBe('stall');
    // The handler ended the stream as the client's doing, and the emulator saw its socket close.
    await expect
      .poll(() => t.heard.streams.slice(from).some((o) => !o.ok && o.clientGone))
      .toBe(true);
    await expect.poll(() => t.emulator.connections.open).toBeLessThan(openBefore);
  });

  it('cancelling the body aborts the upstream call at once', async () => {
    t.emulator.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
    const from = t.heard.streams.length;
    const response = await t.fetch(`${BASE_URL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: MODEL,
        messages: [{ role: 'user', content: 'a long answer please' }],
        stream: true,
      }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toMatch(/^data: \{/);
    const openBefore = t.emulator.connections.open;
    await reader?.cancel(new Error('the reader is done'));
    expect(t.heard.streams.slice(from)).toMatchObject([{ ok: false, clientGone: true }]);
    expect(t.heard.failures.at(-1)?.body.error.message).toBe('the reader is done');
    await expect.poll(() => t.emulator.connections.open).toBeLessThan(openBefore);
  });

  it('reports a cut upstream stream as an error, never as a shorter answer', async () => {
    t.emulator.inject({ type: 'cut', afterEvents: 3, operation: 'converse-stream' });
    const stream = await t.client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'an answer that will be cut short' }],
      stream: true,
    });
    const read = (async () => {
      for await (const _chunk of stream) {
        // reading to the end
      }
    })();
    const error = await read.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(APIError);
    expect(t.heard.streams.at(-1)).toMatchObject({ ok: false, clientGone: false });
  });
});
