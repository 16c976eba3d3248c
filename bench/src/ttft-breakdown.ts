import http from 'node:http';
import { parseBreakdownArgs } from './breakdown-args.js';
import { buildConversation, toOpenAIRequest } from './conversation.js';
import { CONTENT, type FirstTokenMarks, sharedClock } from './first-token-marks.js';
import { progress } from './progress.js';
import { spawnEmulator, spawnGateway } from './service-process.js';
import { formatMs, summarize } from './stats.js';
import { jsonHeaders, postBytes } from './systems/post-bytes.js';
import { toolkitSystem } from './systems/toolkit.js';

/*
 * Where the gateway's extra time to first token goes. One gateway in its own process
 * (`gateway-child --marks`), the benchmark conversation, a bare `node:http` client, and calls that
 * alternate with direct ones (transport + format in this process) against the same emulator.
 * Per gateway call, on the clock every process shares:
 *   up      client sends -> the gateway's onRequest
 *   inside  onRequest -> the first text chunk handed to the socket
 *   down    that hand-over -> the client reads the chunk
 * Run after `pnpm build`: `node dist/ttft-breakdown.js [--calls N]` inside bench/.
 */

/** One streamed call through the gateway: when it was sent and when its first text arrived. */
async function viaGateway(
  agent: http.Agent,
  url: URL,
  body: Buffer,
): Promise<{ sent: number; firstText: number }> {
  const sent = sharedClock();
  let firstText: number | undefined;
  let seen = '';
  await postBytes(agent, url, '/v1/chat/completions', jsonHeaders(body), body, (chunk) => {
    if (firstText !== undefined) return;
    seen += chunk;
    if (CONTENT.test(seen)) firstText = sharedClock();
  });
  if (firstText === undefined) throw new Error('the gateway answered without text');
  return { sent, firstText };
}

async function main(): Promise<void> {
  const { calls, warmup } = parseBreakdownArgs(process.argv.slice(2));
  const conversation = buildConversation();
  const emulator = await spawnEmulator({ deltas: 64, paceMs: 0 });
  const gateway = await spawnGateway(emulator.url, true);
  const direct = await toolkitSystem.create({
    url: emulator.url,
    purpose: 'latency',
    conversation,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL(gateway.url);
  const body = Buffer.from(JSON.stringify({ ...toOpenAIRequest(conversation), stream: true }));
  const marksOf = async (): Promise<FirstTokenMarks[]> =>
    (await fetch(`${gateway.url}/__bench/marks`)).json() as Promise<FirstTokenMarks[]>;
  try {
    const directFirst = async (): Promise<number> => {
      const start = performance.now();
      let first: number | undefined;
      await direct.stream(() => {
        first ??= performance.now() - start;
      });
      return first ?? Number.NaN;
    };
    progress(`ttft breakdown: ${warmup} warm-up and ${calls} measured calls of each kind`);
    for (let i = 0; i < warmup; i++) {
      await viaGateway(agent, url, body);
      await directFirst();
    }
    await marksOf();
    const sides: { sent: number; firstText: number }[] = [];
    const directTtft: number[] = [];
    for (let i = 0; i < calls; i++) {
      sides.push(await viaGateway(agent, url, body));
      directTtft.push(await directFirst());
    }
    const marks = await marksOf();
    if (marks.length !== sides.length) {
      throw new Error(
        `the gateway marked ${marks.length} requests, the client sent ${sides.length}`,
      );
    }
    const span = (pick: (side: (typeof sides)[number], mark: FirstTokenMarks) => number) =>
      summarize(sides.map((side, i) => pick(side, marks[i] as FirstTokenMarks)));
    const rows: [string, ReturnType<typeof summarize>][] = [
      [
        'through the gateway, bare client (send -> first text read)',
        span((s) => s.firstText - s.sent),
      ],
      ['  up: client sends -> gateway onRequest', span((s, m) => m.arrived - s.sent)],
      [
        '  inside: onRequest -> first text handed to the socket',
        span((_s, m) => (m.firstToken ?? Number.NaN) - m.arrived),
      ],
      [
        '  down: handed to the socket -> read by the client',
        span((s, m) => s.firstText - (m.firstToken ?? Number.NaN)),
      ],
      ['direct: transport + format in this process', summarize(directTtft)],
    ];
    const lines = [
      `Time to first token, ${calls} calls of each kind, alternating (Node ${process.version})`,
      '',
      '| span | median ms | p90 ms |',
      '|---|---:|---:|',
      ...rows.map(([name, s]) => `| ${name} | ${formatMs(s.median)} | ${formatMs(s.p90)} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    agent.destroy();
    await direct.close();
    await gateway.close();
    await emulator.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`ttft-breakdown: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
