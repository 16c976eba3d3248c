// LangChain flows with the in-process fetch, run under Node 22 by langchain.test.ts (LangChain's
// openai 7 client needs Node 22: on Node 20 its streams never end). Starts its own emulator.
// Prints one JSON line: { [flow]: { ok, detail } }.
import { startEmulator } from '@bedrock-bridge/emulator';
import { createBedrockFetch } from '@bedrock-bridge/openai';
import { ToolMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';

// LangChain estimates token counts of streamed answers with tiktoken encodings it downloads;
// offline, that download is answered at once as aborted (LangChain then approximates). Model
// calls never use the global fetch: they go through the in-process one.
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = typeof input === 'string' ? input : (input?.url ?? String(input));
  if (url.startsWith('https://tiktoken.pages.dev/')) {
    const error = new Error('offline test run: tiktoken download skipped');
    error.name = 'AbortError';
    return Promise.reject(error);
  }
  return realFetch(input, init);
};

const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const baseURL = 'http://bedrock.invalid/v1';
const emulator = await startEmulator();
const events = [];
const outcomes = [];
const fetch = createBedrockFetch({
  transport: {
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'emulator' },
    env: {},
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
  },
  observe: () => ({ transportEvent: (e) => events.push(e), stream: (o) => outcomes.push(o) }),
});

function chat(options = {}) {
  // The README's one-liner, with test settings added.
  return new ChatOpenAI({
    model: CLAUDE,
    apiKey: 'unused',
    configuration: { baseURL, fetch },
    maxRetries: 0,
    ...options,
  });
}

const getWeather = tool(async ({ city }) => `18C and sunny in ${city}`, {
  name: 'get_weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

const lastSent = () => emulator.requests.at(-1)?.body;

async function toolLoop(streaming) {
  const model = chat({ streaming, modelKwargs: { reasoning_effort: 'low' } }).bindTools([
    getWeather,
  ]);
  const messages = [{ role: 'user', content: 'Please call get_weather for Paris.' }];
  const first = await model.invoke(messages);
  const call = first.tool_calls?.[0];
  if (!call) throw new Error(`no tool call: ${JSON.stringify(first.content)}`);
  const result = await getWeather.invoke(call.args);
  const second = await model.invoke([
    ...messages,
    first,
    new ToolMessage({ content: result, tool_call_id: call.id ?? '' }),
  ]);
  const sent = lastSent();
  const assistant = sent.messages.find((m) => m.role === 'assistant');
  return {
    last: String(second.content),
    thinking: sent.additionalModelRequestFields?.thinking?.type,
    restored: Object.keys(assistant?.content?.[0] ?? {}),
  };
}

async function streamed() {
  let text = '';
  let chunks = 0;
  for await (const chunk of await chat().stream('stream me a reply please')) {
    text += String(chunk.content);
    chunks += 1;
  }
  return { text, chunks };
}

async function cancelled() {
  emulator.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
  const fromOutcome = outcomes.length;
  const openBefore = emulator.connections.open;
  const controller = new AbortController();
  let chunks = 0;
  let error = '';
  try {
    for await (const _chunk of await chat().stream('a long answer please', {
      signal: controller.signal,
    })) {
      chunks += 1;
      controller.abort();
    }
  } catch (err) {
    error = String(err?.name ?? err);
  }
  const deadline = Date.now() + 10_000;
  const ended = () => outcomes.slice(fromOutcome).some((o) => !o.ok && o.clientGone);
  while ((!ended() || emulator.connections.open >= openBefore) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    chunks,
    error,
    fault: emulator.requests.at(-1)?.fault,
    streamEnded: ended(),
    connectionClosed: emulator.connections.open < openBefore,
  };
}

async function cut() {
  emulator.inject({ type: 'cut', afterEvents: 3, operation: 'converse-stream' });
  let text = '';
  try {
    for await (const chunk of await chat().stream('an answer that will be cut short')) {
      text += String(chunk.content);
    }
    return { threw: false, text };
  } catch (err) {
    return { threw: true, text, message: String(err?.message ?? err) };
  }
}

const flows = {
  'tool loop with thinking': () => toolLoop(false),
  'tool loop with thinking, streamed': () => toolLoop(true),
  streamed,
  cancelled,
  cut,
};

const results = {};
for (const [name, run] of Object.entries(flows)) {
  try {
    results[name] = { ok: true, detail: await run() };
  } catch (err) {
    results[name] = { ok: false, detail: String(err?.stack ?? err) };
  }
}
await fetch.close();
await emulator.close();
console.log(JSON.stringify(results));
