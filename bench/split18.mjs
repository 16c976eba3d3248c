import { fromConverseStream, toConverseInput } from '@bedrock-bridge/format';
import { createBackend, createBedrockFetch } from '@bedrock-bridge/openai';
import { createTransport } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import { buildConversation, toOpenAIRequest } from './dist/conversation.js';

const url = process.argv[2];
const t = () =>
  createTransport({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  });
const request = toOpenAIRequest(buildConversation());
const body = JSON.stringify({ ...request, stream: true });
const A = t();
const fB = createBedrockFetch({ transport: t() });
const client = new OpenAI({ baseURL: 'http://b/v1', apiKey: 'x', fetch: fB });
const fC = createBedrockFetch({ transport: t() });
const tD = t();
const backend = createBackend({ transport: tD, region: 'us-east-1' });
const systems = {
  toolkit: async (mark) => {
    const { input, answer } = toConverseInput(request);
    for await (const c of fromConverseStream(A.converseStream(input), {
      model: request.model,
      ...answer,
    }))
      if (c.choices[0]?.delta.content) mark();
  },
  composition: async (mark) => {
    for await (const c of backend.stream(
      { ...request, stream: true },
      { signal: new AbortController().signal, onEvent() {} },
    ))
      if (c.choices[0]?.delta.content) mark();
  },
  handler: async (mark) => {
    const r = await fC('http://b/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const reader = r.body.getReader();
    const dec = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (dec.decode(value).includes('"content":"')) mark();
    }
  },
  openai: async (mark) => {
    for await (const c of await client.chat.completions.create({ ...request, stream: true }))
      if (c.choices[0]?.delta.content) mark();
  },
};
const res = Object.fromEntries(Object.keys(systems).map((k) => [k, { ttft: [], cpu: [] }]));
for (let round = 0; round < 260; round++) {
  for (const [name, run] of Object.entries(systems)) {
    const start = performance.now();
    const c0 = process.cpuUsage();
    let first;
    await run(() => {
      if (first === undefined) first = performance.now() - start;
    });
    const c = process.cpuUsage(c0);
    if (round >= 30) {
      res[name].ttft.push(first);
      res[name].cpu.push((c.user + c.system) / 1000);
    }
  }
}
const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
};
for (const [k, v] of Object.entries(res))
  console.log(k.padEnd(12), 'ttft', med(v.ttft).toFixed(2), 'cpu', med(v.cpu).toFixed(2));
process.exit(0);
