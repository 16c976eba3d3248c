// LangChain flows, run under Node 22 by langchain.test.ts (LangChain's openai 7 client needs
// Node 22: on Node 20 its streams never end). Prints one JSON line: { [flow]: { ok, detail } }.
import { ChatOpenAI } from '@langchain/openai';
import { createAgent, tool } from 'langchain';
import { z } from 'zod';

// The suite runs offline. LangChain estimates token counts of streamed answers with tiktoken
// encodings it downloads from tiktoken.pages.dev, retrying for minutes when the network is absent;
// answered at once as aborted, it falls back to its approximate count (what it does anyway when
// the download fails). Nothing else is intercepted: every model call goes to the gateway.
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

const [baseURL, apiKey, claude, claudeThinking, claudeJson] = process.argv.slice(2);

function chat(model, options = {}) {
  return new ChatOpenAI({ model, apiKey, configuration: { baseURL }, maxRetries: 0, ...options });
}

const getWeather = tool(async ({ city }) => `18C and sunny in ${city}`, {
  name: 'get_weather',
  description: 'Current weather of a city',
  schema: z.object({ city: z.string() }),
});

async function agentLoop(streaming) {
  const agent = createAgent({ model: chat(claudeThinking, { streaming }), tools: [getWeather] });
  const result = await agent.invoke({
    messages: [{ role: 'user', content: 'Please call get_weather for Paris.' }],
  });
  return {
    last: String(result.messages.at(-1)?.content),
    toolMessages: result.messages.filter((m) => m.getType() === 'tool').length,
  };
}

async function bind(parallel) {
  const model = chat(claude).bindTools(
    [getWeather],
    parallel === undefined ? {} : { parallel_tool_calls: parallel },
  );
  const answer = await model.invoke('Please call get_weather for Paris.');
  return { tool: answer.tool_calls?.[0]?.name };
}

async function structured() {
  const City = z.object({ name: z.string(), population: z.number() });
  const city = await chat(claudeJson)
    .withStructuredOutput(City)
    .invoke('The largest city of France.');
  return { valid: City.safeParse(city).success };
}

const flows = {
  'createAgent tool loop with thinking': () => agentLoop(false),
  'createAgent tool loop with thinking, streamed': () => agentLoop(true),
  bindTools: () => bind(undefined),
  'bindTools without parallel calls': () => bind(false),
  withStructuredOutput: structured,
};

const results = {};
for (const [name, run] of Object.entries(flows)) {
  try {
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer within 20 s')), 20_000);
    });
    results[name] = { ok: true, detail: await Promise.race([run(), limit]) };
    clearTimeout(timer);
  } catch (error) {
    results[name] = { ok: false, detail: String(error?.message ?? error) };
  }
}
process.stdout.write(`${JSON.stringify(results)}\n`);
process.exit(0);
