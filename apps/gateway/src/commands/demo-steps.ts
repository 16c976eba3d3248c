import type { Emulator } from '@bedrock-bridge/emulator';
import type { TransportEvent } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import type {
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';

/** The model the demo talks to (on-demand in the emulator's catalogue). */
export const DEMO_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

export interface DemoState {
  client: OpenAI;
  emulator: Emulator;
  /** Every transport event so far (attempts, retries, evictions). */
  events: TransportEvent[];
  write: (text: string) => void;
  gatewayUrl: string;
}

export interface DemoStep {
  title: string;
  /** What "behaved as expected" means, printed on success. */
  expect: string;
  run(context: DemoState): Promise<void>;
}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`expected ${what}`);
}

const say = (c: DemoState, who: string, text: string) => c.write(`   ${who.padEnd(9)} ${text}\n`);

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

async function expectApiError(
  run: () => Promise<unknown>,
): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await run();
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** Streams one answer, writing each delta as it arrives; returns what arrived and how it ended. */
async function streamAnswer(c: DemoState, prompt: string) {
  const start = performance.now();
  const out = {
    text: '',
    chunks: 0,
    firstMs: -1,
    usage: undefined as OpenAI.CompletionUsage | undefined,
    finish: '',
  };
  const stream = await c.client.chat.completions.create({
    model: DEMO_MODEL,
    messages: [{ role: 'user', content: prompt }],
    stream: true,
    stream_options: { include_usage: true },
  });
  c.write(`   ${'assistant'.padEnd(9)} `);
  try {
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) {
        if (out.firstMs < 0) out.firstMs = Math.round(performance.now() - start);
        out.chunks += 1;
        out.text += delta;
        c.write(delta);
      }
      out.finish = chunk.choices[0]?.finish_reason ?? out.finish;
      if (chunk.usage) out.usage = chunk.usage;
    }
  } finally {
    c.write('\n');
  }
  return out;
}

export const demoSteps: DemoStep[] = [
  {
    title: 'A plain answer',
    expect: 'a complete chat.completion with finish_reason "stop" and usage',
    async run(c) {
      const prompt = 'What is Amazon Bedrock?';
      say(c, 'user', prompt);
      const answer = await c.client.chat.completions.create({
        model: DEMO_MODEL,
        messages: [{ role: 'user', content: prompt }],
      });
      const choice = answer.choices[0];
      say(c, 'assistant', choice?.message.content ?? '(no content)');
      say(
        c,
        '',
        `finish_reason=${choice?.finish_reason}, usage ${answer.usage?.prompt_tokens} in / ${answer.usage?.completion_tokens} out`,
      );
      check(choice?.message.content?.includes(prompt), 'the emulator to echo the question');
      check(choice?.finish_reason === 'stop', 'finish_reason "stop"');
      check((answer.usage?.total_tokens ?? 0) > 0, 'token usage');
    },
  },
  {
    title: 'A streamed answer, token by token',
    expect: 'several deltas, then finish_reason "stop" and a usage chunk',
    async run(c) {
      const prompt = 'Stream this answer to me, one token at a time.';
      say(c, 'user', prompt);
      const out = await streamAnswer(c, prompt);
      say(
        c,
        '',
        `${out.chunks} content deltas, first after ${out.firstMs} ms, finish_reason=${out.finish}, usage ${out.usage?.prompt_tokens} in / ${out.usage?.completion_tokens} out`,
      );
      check(out.chunks >= 2, 'more than one delta');
      check(out.text.includes(prompt), 'the whole answer to arrive');
      check(out.finish === 'stop', 'finish_reason "stop"');
      check(out.usage !== undefined, 'a usage chunk (stream_options.include_usage)');
    },
  },
  {
    title: 'A tool-call round trip',
    expect: 'a tool call, its result sent back, an answer that uses it',
    async run(c) {
      const messages: ChatCompletionMessageParam[] = [
        { role: 'user', content: 'Please call get_weather for Paris.' },
      ];
      say(c, 'user', 'Please call get_weather for Paris.   (tools: get_weather)');
      // The emulator's default model invents arguments from the schema; script a realistic call.
      c.emulator.script({
        content: [
          {
            toolUse: { toolUseId: 'tooluse_demo1', name: 'get_weather', input: { city: 'Paris' } },
          },
        ],
      });
      const first = await c.client.chat.completions.create({
        model: DEMO_MODEL,
        messages,
        tools: [weatherTool],
      });
      const message = first.choices[0]?.message;
      const call = message?.tool_calls?.[0];
      check(call?.type === 'function', 'a function tool call');
      say(
        c,
        'assistant',
        `calls ${call.function.name}(${call.function.arguments})   finish_reason=${first.choices[0]?.finish_reason}`,
      );
      check(first.choices[0]?.finish_reason === 'tool_calls', 'finish_reason "tool_calls"');
      const result = JSON.stringify({ city: 'Paris', sky: 'sunny', celsius: 21 });
      say(c, 'tool', result);
      messages.push(message as ChatCompletionMessageParam, {
        role: 'tool',
        tool_call_id: call.id,
        content: result,
      });
      const second = await c.client.chat.completions.create({
        model: DEMO_MODEL,
        messages,
        tools: [weatherTool],
      });
      const text = second.choices[0]?.message.content ?? '';
      say(c, 'assistant', text);
      check(text.includes('sunny'), 'the final answer to use the tool result');
    },
  },
  {
    title: 'A stale pooled connection, healed',
    expect: 'the dead socket was retried on a fresh one; the client saw only the answer',
    async run(c) {
      c.emulator.inject({ type: 'stale-keep-alive' });
      const fromEvent = c.events.length;
      const fromRequest = c.emulator.requests.length;
      say(
        c,
        'emulator',
        'will destroy the socket the next request arrives on (a stale keep-alive)',
      );
      const answer = await c.client.chat.completions.create({
        model: DEMO_MODEL,
        messages: [{ role: 'user', content: 'Are you still there?' }],
      });
      for (const r of c.emulator.requests.slice(fromRequest)) {
        if (r.operation !== 'converse' && r.operation !== 'converse-stream') continue;
        const what = r.fault ? `destroyed the socket (${r.fault})` : `answered ${r.status}`;
        say(c, 'emulator', `${r.operation} on connection #${r.connectionId}: ${what}`);
      }
      const mine = c.events.slice(fromEvent);
      for (const e of mine) {
        if (e.type === 'evict') say(c, 'transport', `evicted the pooled client (${e.reason})`);
        if (e.type === 'retry') {
          say(
            c,
            'transport',
            `attempt ${e.attempt} failed (${e.reason}); retry after ${e.delayMs} ms (${e.delaySource})`,
          );
        }
        if (e.type === 'success')
          say(c, 'transport', `attempt ${e.attempt} succeeded in ${e.durationMs} ms`);
      }
      const retries = mine.filter((e) => e.type === 'retry');
      say(c, 'assistant', answer.choices[0]?.message.content ?? '');
      check(retries.length >= 1, 'the transport to retry');
      check(answer.choices[0]?.message.content?.includes('still there'), 'the full answer');
    },
  },
  {
    title: 'A truncated stream, reported as an error',
    expect: 'the client got an error, not a silently shortened answer',
    async run(c) {
      c.emulator.inject({ type: 'cut', afterEvents: 4, operation: 'converse-stream', times: 5 });
      say(c, 'emulator', 'will cut the connection after 4 stream events');
      const error = await expectApiError(() =>
        streamAnswer(c, 'Tell me a long story that will be cut short.'),
      );
      say(c, 'client', `${error.constructor.name}: ${error.message}`);
      const code = String(error.code ?? '');
      check(
        ['stream_truncated', 'upstream_connection_lost'].includes(code),
        `code stream_truncated (got ${code || 'none'})`,
      );
    },
  },
  {
    title: 'A context overflow, reported as such',
    expect: 'HTTP 400 with code context_length_exceeded, as OpenAI reports it',
    async run(c) {
      c.emulator.inject({ type: 'context-overflow' });
      say(c, 'emulator', 'will answer with a ValidationException: input too long');
      const error = await expectApiError(() =>
        c.client.chat.completions.create({
          model: DEMO_MODEL,
          messages: [{ role: 'user', content: 'A very long document… '.repeat(50) }],
        }),
      );
      say(c, 'client', `${error.status} ${error.code}: ${error.message}`);
      check(error.status === 400, 'status 400');
      check(error.code === 'context_length_exceeded', 'code context_length_exceeded');
    },
  },
  {
    title: 'The model list, with context lengths',
    expect: 'chat models listed, each with its context length',
    async run(c) {
      const list = await c.client.models.list();
      const models = list.data as (OpenAI.Model & { context_length?: number })[];
      for (const m of models.slice(0, 12)) {
        say(c, '', `${m.id.padEnd(52)} ${String(m.context_length ?? '?').padStart(9)} tokens`);
      }
      if (models.length > 12) say(c, '', `… and ${models.length - 12} more`);
      const demo = models.find((m) => m.id === DEMO_MODEL);
      check(demo, `${DEMO_MODEL} in the list`);
      check((demo.context_length ?? 0) > 0, 'a context length');
    },
  },
];
