import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { BedrockBridgeError } from '@bedrock-bridge/errors';
import { describe, expect, it } from 'vitest';
import { loadEvents, replay } from '../test-support/fixtures.js';
import { responseEventsFromConverseStream } from './response-events-from-converse-stream.js';
import type { ResponseStreamEvent } from './responses-answer.js';

const options = { request: { model: 'claude', input: 'x' }, id: 'resp_1', created: 1 };

async function collect(
  events: AsyncIterable<ConverseStreamOutput>,
  extra: object = {},
): Promise<{ events: ResponseStreamEvent[]; error?: unknown }> {
  const out: ResponseStreamEvent[] = [];
  try {
    for await (const e of responseEventsFromConverseStream(events, { ...options, ...extra }))
      out.push(e);
    return { events: out };
  } catch (error) {
    return { events: out, error };
  }
}

describe('responseEventsFromConverseStream', () => {
  it('streams text and interleaved tool calls as the full event sequence, numbered', async () => {
    const { events, error } = await collect(replay(loadEvents('text-and-tools')));
    expect(error).toBeUndefined();
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const types = events.map((e) => e.type);
    expect(types.slice(0, 5)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
    ]);
    expect(types.at(-1)).toBe('response.completed');
    const done = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    const calls = done.response.output.filter((i) => i.type === 'function_call');
    expect(calls.map((c) => [c.call_id, c.name])).toEqual([
      ['tooluse_A1', 'get_weather'],
      ['tooluse_B2', 'lookup_city_3k1xq9z'],
      ['tooluse_C3', 'now'],
    ]);
    expect(calls[2]?.arguments).toBe('{}');
    // the deltas of each call add up to its final arguments, whatever their interleaving
    for (const call of calls) {
      const deltas = events
        .filter((e) => e.type === 'response.function_call_arguments.delta' && e.item_id === call.id)
        .map((e) => (e as { delta: string }).delta)
        .join('');
      expect(deltas).toBe(call.arguments);
      expect(() => JSON.parse(call.arguments)).not.toThrow();
    }
    // item output indexes are the positions in the final output
    for (const e of events) {
      if (e.type === 'response.output_item.done')
        expect(done.response.output[e.output_index]).toEqual(e.item);
    }
    expect(done.response.usage?.input_tokens).toBeGreaterThan(0);
  });

  it('streams reasoning as summary text and seals each block with its signature', async () => {
    const { events } = await collect(replay(loadEvents('reasoning')), {
      sealReasoning: (d: unknown) => JSON.stringify(d),
    });
    const summary = events
      .filter((e) => e.type === 'response.reasoning_summary_text.delta')
      .map((e) => (e as { delta: string }).delta)
      .join('');
    expect(summary).toBe('The user wants a haiku.');
    const done = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.completed' }>;
    const [first, second, message] = done.response.output;
    expect(first?.type === 'reasoning' && JSON.parse(first.encrypted_content ?? '')).toEqual([
      { type: 'reasoning.text', text: 'The user wants a haiku.', signature: 'EqQBCkgSIGsig' },
    ]);
    expect(second?.type === 'reasoning' && JSON.parse(second.encrypted_content ?? '')).toEqual([
      { type: 'reasoning.encrypted', data: 'AAECAwQFBgc=' },
    ]);
    expect(message?.type).toBe('message');
  });

  it('ends a stream without messageStop as response.incomplete, never response.completed', async () => {
    const { events, error } = await collect(replay(loadEvents('no-message-stop')));
    expect(error).toBeUndefined();
    const types = events.map((e) => e.type);
    expect(types).not.toContain('response.completed');
    const last = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.incomplete' }>;
    expect(last.type).toBe('response.incomplete');
    expect(last.response.status).toBe('incomplete');
  });

  it("ends transport's mid-stream failure with response.failed carrying its code", async () => {
    const thrown = new BedrockBridgeError({ kind: 'rate_limit', message: 'Too many tokens' });
    async function* failing(): AsyncGenerator<ConverseStreamOutput> {
      yield { messageStart: { role: 'assistant' } };
      yield { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Partial' } } };
      throw thrown;
    }
    const { events, error } = await collect(failing());
    expect(error).toBe(thrown);
    const last = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.failed' }>;
    expect(last.response.error?.code).toBe('rate_limit_exceeded');
  });

  it('reports an unclassified error as a server_error without classifying it', async () => {
    async function* failing(): AsyncGenerator<ConverseStreamOutput> {
      yield { messageStart: { role: 'assistant' } };
      throw new Error('socket hang up');
    }
    const { events } = await collect(failing());
    const last = events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.failed' }>;
    expect(last.response.error).toEqual({ code: 'server_error', message: 'socket hang up' });
  });

  it('throws a failure before the first event without yielding anything', async () => {
    async function* failing(): AsyncGenerator<ConverseStreamOutput> {
      yield* [];
      throw new BedrockBridgeError({ kind: 'rate_limit', message: 'slow down' });
    }
    const { events, error } = await collect(failing());
    expect(events).toEqual([]);
    expect(BedrockBridgeError.is(error) && error.kind).toBe('rate_limit');
  });

  it('is response.incomplete when the token limit cut the answer', async () => {
    const events: ConverseStreamOutput[] = [
      { messageStart: { role: 'assistant' } },
      { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Once' } } },
      { messageStop: { stopReason: 'max_tokens' } },
      {
        metadata: {
          usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          metrics: { latencyMs: 1 },
        },
      },
    ];
    const out = await collect(replay(events));
    const last = out.events.at(-1) as Extract<ResponseStreamEvent, { type: 'response.incomplete' }>;
    expect(last.type).toBe('response.incomplete');
    expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
  });
});
