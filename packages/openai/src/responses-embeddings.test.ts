import { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InProcess, startInProcess } from './test-support/start-in-process.js';

/* The Responses API (with its stored routes) and embeddings, in-process, with the openai client. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

let t: InProcess;
beforeAll(async () => {
  t = await startInProcess();
});
afterAll(async () => {
  await t.close();
});

describe('Responses and embeddings through createBedrockFetch', () => {
  it('creates, continues, retrieves, lists the input of and deletes a stored response', async () => {
    const first = await t.client.responses.create({ model: MODEL, input: 'Hello responses' });
    expect(first.output_text).toBe('Echo: Hello responses');
    const second = await t.client.responses.create({
      model: MODEL,
      input: 'And again',
      previous_response_id: first.id,
    });
    const sent = t.emulator.requests.at(-1)?.body as { messages: unknown[] };
    expect(sent.messages).toHaveLength(3);
    const again = await t.client.responses.retrieve(second.id);
    expect(again.id).toBe(second.id);
    const items = await t.client.responses.inputItems.list(second.id, { order: 'asc' });
    expect(items.data.length).toBeGreaterThan(0);
    const badLimit = await t.fetch(`http://x/v1/responses/${second.id}/input_items?limit=0`);
    expect(badLimit.status).toBe(400);
    expect(((await badLimit.json()) as { error: { param: string } }).error.param).toBe('limit');
    await t.client.responses.delete(second.id);
    const gone = await t.client.responses.retrieve(second.id).catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(APIError);
    expect((gone as APIError).status).toBe(404);
  });

  it('streams Responses events', async () => {
    const types: string[] = [];
    let text = '';
    for await (const event of await t.client.responses.create({
      model: MODEL,
      input: 'stream this',
      stream: true,
    })) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
    }
    expect(types[0]).toBe('response.created');
    expect(types.at(-1)).toBe('response.completed');
    expect(text).toBe('Echo: stream this');
  });

  it('embeds texts', async () => {
    const list = await t.client.embeddings.create({
      model: 'amazon.titan-embed-text-v2:0',
      input: ['one', 'two'],
    });
    expect(list.data).toHaveLength(2);
    expect(list.data[0]?.embedding.length).toBeGreaterThan(0);
  });
});
