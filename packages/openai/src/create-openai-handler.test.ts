import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcess, startInProcess } from './test-support/start-in-process.js';

/* handler.answer (the request taken apart) and the Request wrapper: one path, one set of rules. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const CHAT = { method: 'POST', pathname: '/v1/chat/completions' } as const;
const JSON_TYPE = { 'content-type': 'application/json' };

let t: InProcess;
beforeAll(async () => {
  t = await startInProcess();
});
afterAll(async () => {
  await t.close();
});

function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('OpenAIHandler.answer', () => {
  it('answers a body given already parsed as it answers the same body as text', async () => {
    const ask = { model: MODEL, messages: [{ role: 'user', content: 'parsed already' }] };
    const parsed = await t.fetch.handler.answer({ ...CHAT, body: { json: ask } });
    const text = await t.fetch.handler.answer({
      ...CHAT,
      headers: JSON_TYPE,
      body: JSON.stringify(ask),
    });
    expect(parsed.status).toBe(200);
    const answer = (await parsed.json()) as { choices: { message: { content: string } }[] };
    expect(answer.choices[0]?.message.content).toBe('Echo: parsed already');
    expect(((await text.json()) as typeof answer).choices[0]?.message.content).toBe(
      'Echo: parsed already',
    );
  });

  it('holds a parsed body to the text rules: no prototype keys, the nesting limit', async () => {
    const poisoned = JSON.parse(`{"model":"${MODEL}","messages":[],"__proto__":{"x":1}}`);
    const refused = await t.fetch.handler.answer({ ...CHAT, body: { json: poisoned } });
    const asText = await t.fetch.handler.answer({
      ...CHAT,
      headers: JSON_TYPE,
      body: JSON.stringify(poisoned),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(await asText.json());
    const deep = { model: MODEL, messages: nested(80) };
    const tooDeep = await t.fetch.handler.answer({ ...CHAT, body: { json: deep } });
    expect(tooDeep.status).toBe(400);
    const error = ((await tooDeep.json()) as { error: { code: string; param: string } }).error;
    expect(error.code).toBe('nesting_too_deep');
    expect(error.param).toMatch(/^messages/);
  });

  it('answers the Request wrapper and the parts alike: validation, 404s with the query', async () => {
    const bad = JSON.stringify({ model: MODEL, messages: 'not a list' });
    const viaRequest = await t.fetch.handler(
      new Request('http://any.invalid/v1/chat/completions', {
        method: 'POST',
        headers: JSON_TYPE,
        body: bad,
      }),
    );
    const viaParts = await t.fetch.handler.answer({ ...CHAT, headers: JSON_TYPE, body: bad });
    expect(viaRequest.status).toBe(400);
    expect(viaParts.status).toBe(400);
    expect(await viaParts.json()).toEqual(await viaRequest.json());
    const missing = await t.fetch.handler.answer({
      method: 'GET',
      pathname: '/v1/nowhere',
      search: '?a=1',
    });
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { message: string; code: string } };
    expect(body.error).toMatchObject({
      code: 'not_found',
      message: 'Invalid URL (GET /v1/nowhere?a=1)',
    });
  });

  it('errors a stream with the caller signal reason when it aborts mid-stream', async () => {
    const controller = new AbortController();
    const response = await t.fetch.handler.answer({
      ...CHAT,
      headers: JSON_TYPE,
      body: JSON.stringify({
        model: MODEL,
        stream: true,
        messages: [{ role: 'user', content: 'a long enough answer to stream in pieces' }],
      }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    await reader?.read();
    const reason = new Error('caller gave up');
    controller.abort(reason);
    await expect(reader?.read()).rejects.toBe(reason);
  });
});
