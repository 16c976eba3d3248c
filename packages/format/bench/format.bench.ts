import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { bench, describe } from 'vitest';
import { collectChatCompletion } from '../src/collect-chat-completion.js';
import { fromConverseStream } from '../src/from-converse-stream.js';
import type { ChatCompletionMessageParam, ChatCompletionRequest } from '../src/openai-request.js';
import { toConverseInput } from '../src/to-converse-input.js';

// A 40-message conversation: system prompt, tools, 4 images (8 KB PNG each), reasoning replay,
// 12 tool round trips.
const png = new Uint8Array(8192);
png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const image = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
const messages: ChatCompletionMessageParam[] = [
  { role: 'system', content: 'You are a careful assistant. '.repeat(20) },
];
for (let turn = 0; messages.length < 40; turn++) {
  messages.push({
    role: 'user',
    content:
      turn % 3 === 0
        ? [
            { type: 'text', text: `Question ${turn}: ${'context '.repeat(30)}` },
            { type: 'image_url', image_url: { url: image } },
          ]
        : `Question ${turn}: ${'context '.repeat(30)}`,
  });
  messages.push({
    role: 'assistant',
    content: `Let me look that up (${turn}).`,
    reasoning_details: [
      { type: 'reasoning.text', text: 'thinking '.repeat(40), signature: 'c2lnbmF0dXJl'.repeat(8) },
    ],
    tool_calls: [
      {
        id: `call_${turn}`,
        type: 'function',
        function: {
          name: turn % 2 ? 'search.web' : 'get_weather',
          arguments: JSON.stringify({ q: `query ${turn}`, limit: 5 }),
        },
      },
    ],
  });
  messages.push({
    role: 'tool',
    tool_call_id: `call_${turn}`,
    content: `result ${turn}: ${'data '.repeat(40)}`,
  });
}
const request: ChatCompletionRequest = {
  model: 'anthropic.claude-sonnet-4',
  messages: messages.slice(0, 40),
  max_tokens: 20000,
  reasoning_effort: 'low',
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather',
        parameters: {
          type: 'object',
          properties: { q: { type: 'string' }, limit: { type: 'number' } },
        },
      },
    },
    {
      type: 'function',
      function: {
        name: 'search.web',
        description: 'Search',
        parameters: { type: 'object', properties: { q: { type: 'string' } } },
      },
    },
  ],
};
const options = { reasoning: 'anthropic-thinking' as const, promptCaching: { automatic: true } };

// A 64-delta stream: 48 text deltas and a tool call with 16 argument fragments.
const events: ConverseStreamOutput[] = [{ messageStart: { role: 'assistant' } }];
for (let i = 0; i < 48; i++)
  events.push({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: `word${i} ` } } });
events.push({ contentBlockStop: { contentBlockIndex: 0 } });
events.push({
  contentBlockStart: {
    contentBlockIndex: 1,
    start: { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather' } },
  },
});
for (let i = 0; i < 16; i++)
  events.push({
    contentBlockDelta: {
      contentBlockIndex: 1,
      delta: { toolUse: { input: i === 0 ? '{"q":"' : i === 15 ? '"}' : `p${i}` } },
    },
  });
events.push(
  { contentBlockStop: { contentBlockIndex: 1 } },
  { messageStop: { stopReason: 'tool_use' } },
  {
    metadata: {
      usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
      metrics: { latencyMs: 1 },
    },
  },
);

async function* replay(): AsyncGenerator<ConverseStreamOutput> {
  for (const event of events) yield event;
}
async function* replayCopy(): AsyncGenerator<unknown> {
  for (const event of events) yield JSON.parse(JSON.stringify(event));
}

describe('convert a 40-message request (tools, images, reasoning)', () => {
  bench('toConverseInput', () => {
    toConverseInput(request, options);
  });
  bench('floor: JSON.parse(JSON.stringify(request))', () => {
    JSON.parse(JSON.stringify(request));
  });
});

describe('fold a 64-delta stream', () => {
  bench('collectChatCompletion(fromConverseStream(events))', async () => {
    await collectChatCompletion(
      fromConverseStream(replay(), { model: 'm', id: 'x', created: 1, includeUsage: true }),
    );
  });
  bench('floor: async-iterate JSON.parse(JSON.stringify(event)) of each event', async () => {
    for await (const e of replayCopy()) void e;
  });
});
