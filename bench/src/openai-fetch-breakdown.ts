import { createBackend, createBedrockFetch } from '@bedrock-bridge/openai';
import { createTransport } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import { parseBreakdownArgs } from './breakdown-args.js';
import { buildConversation, CREDENTIALS, REGION, toOpenAIRequest } from './conversation.js';
import { CONTENT } from './first-token-marks.js';
import { progress } from './progress.js';
import { spawnEmulator } from './service-process.js';
import { formatMs, summarize } from './stats.js';
import { toolkitSystem } from './systems/toolkit.js';

/*
 * Where the in-process fetch's extra time to first token goes (issue 18). Four ways to stream the
 * benchmark conversation from one emulator, in this process, one call of each in turn:
 *   direct       transport + format called directly (the bench's `toolkit` row)
 *   composition  createBackend's recipe (model resolution, rules, reasoning memory), no HTTP layer
 *   handler      createBedrockFetch called with the request bytes, its SSE bytes read (validation,
 *                the handler, SSE framing; no client)
 *   openai       the official openai client with that fetch (the bench's `openai-fetch` row)
 * Time to first token (first text piece) and CPU per call, medians.
 * Run after `pnpm build`: `node dist/openai-fetch-breakdown.js [--calls N]` inside bench/.
 * `--ways composition,handler` runs only those ways (the first one listed is the baseline), e.g.
 * under `node --cpu-prof` to see where one way's time goes.
 */

type Way = (onText: () => void) => Promise<void>;

async function main(): Promise<void> {
  const args = parseBreakdownArgs(process.argv.slice(2), 'direct,composition,handler,openai');
  const { calls, warmup } = args;
  const conversation = buildConversation();
  const emulator = await spawnEmulator({ deltas: 64, paceMs: 0 });
  const transport = () =>
    createTransport({ region: REGION, endpoint: emulator.url, credentials: { ...CREDENTIALS } });
  const request = { ...toOpenAIRequest(conversation), stream: true as const };
  const body = JSON.stringify(request);
  const direct = await toolkitSystem.create({
    url: emulator.url,
    purpose: 'latency',
    conversation,
  });
  const recipeTransport = transport();
  const backend = createBackend({ transport: recipeTransport, region: REGION });
  const handlerFetch = createBedrockFetch({ transport: transport() });
  const clientFetch = createBedrockFetch({ transport: transport() });
  const client = new OpenAI({
    baseURL: 'http://bedrock.invalid/v1',
    apiKey: 'unused',
    fetch: clientFetch,
  });
  const all: [string, Way][] = [
    ['direct: transport + format', (onText) => direct.stream(onText).then(() => {})],
    [
      'composition: createBackend recipe',
      async (onText) => {
        const context = { signal: new AbortController().signal, onEvent: () => {} };
        for await (const chunk of backend.stream(request, context)) {
          if ((chunk as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content)
            onText();
        }
      },
    ],
    [
      'handler: createBedrockFetch, SSE bytes read',
      async (onText) => {
        const response = await handlerFetch('http://bedrock.invalid/v1/chat/completions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const reader = response.body?.getReader();
        const decoder = new TextDecoder();
        for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
          // Answer text, as the other ways count it: not the role chunk's `"content":""`.
          if (CONTENT.test(decoder.decode(next.value, { stream: true }))) onText();
        }
      },
    ],
    [
      'openai client + createBedrockFetch',
      async (onText) => {
        for await (const chunk of await client.chat.completions.create(request)) {
          if (chunk.choices[0]?.delta.content) onText();
        }
      },
    ],
  ];
  const wanted = (args.ways ?? '').split(',');
  const ways = wanted.map((id) => {
    const way = all.find(([name]) => name.startsWith(`${id}:`) || name.startsWith(`${id} `));
    if (way === undefined)
      throw new Error(`--ways: unknown way '${id}' (direct, composition, handler, openai)`);
    return way;
  });
  const ttft = ways.map(() => [] as number[]);
  const cpu = ways.map(() => [] as number[]);
  try {
    progress(`openai-fetch breakdown: ${warmup} warm-up and ${calls} measured rounds`);
    for (let round = 0; round < warmup + calls; round++) {
      for (const [i, [, way]] of ways.entries()) {
        const start = performance.now();
        const before = process.cpuUsage();
        let first: number | undefined;
        await way(() => {
          first ??= performance.now() - start;
        });
        const used = process.cpuUsage(before);
        if (round < warmup) continue;
        ttft[i]?.push(first ?? Number.NaN);
        cpu[i]?.push((used.user + used.system) / 1000);
      }
    }
    const base = summarize(ttft[0] ?? []).median;
    const lines = [
      `Time to first token and CPU per streamed call, ${calls} rounds, one call of each way per round (Node ${process.version})`,
      '',
      '| way | first token median ms | p90 ms | added at the median ms | CPU ms per call |',
      '|---|---:|---:|---:|---:|',
      ...ways.map(([name], i) => {
        const s = summarize(ttft[i] ?? []);
        return `| ${name} | ${formatMs(s.median)} | ${formatMs(s.p90)} | ${formatMs(s.median - base)} | ${formatMs(summarize(cpu[i] ?? []).median)} |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await direct.close();
    await recipeTransport.close();
    await handlerFetch.close();
    await clientFetch.close();
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `openai-fetch-breakdown: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
