import { BedrockRuntimeClient, InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import { processCpuMs } from '../capacity/proc-stats.js';
import { CREDENTIALS, REGION } from '../conversation.js';
import { progress } from '../progress.js';
import { spawnEmulator, spawnService } from '../service-process.js';
import { type Summary, summarize } from '../stats.js';

/** The gateway's default fan-out per request; the raw SDK loop gets the same concurrency. */
export const EMBEDDING_CONCURRENCY = 8;
export const EMBEDDING_TEXTS = 1000;

/** A model of the benchmark: how the raw SDK loop calls it (one text or a batch per call). */
interface BenchModel {
  id: string;
  label: string;
  /** Texts per InvokeModel call (Titan 1, Cohere 96), as the gateway sends them. */
  perCall: number;
  body: (texts: string[]) => unknown;
  vectors: (answer: Record<string, unknown>) => number[][];
}

const MODELS: readonly BenchModel[] = [
  {
    id: 'amazon.titan-embed-text-v2:0',
    label: 'Titan Text Embeddings v2 (one text a call: 1,000 calls)',
    perCall: 1,
    body: (texts) => ({ inputText: texts[0] }),
    vectors: (answer) => [answer.embedding as number[]],
  },
  {
    id: 'cohere.embed-english-v3',
    label: 'Cohere Embed English v3 (96 texts a call: 11 calls)',
    perCall: 96,
    body: (texts) => ({ texts, input_type: 'search_document' }),
    vectors: (answer) => answer.embeddings as number[][],
  },
];

/** One side of one round: wall time, and CPU of the measuring process and of the gateway child. */
interface RoundFigures {
  wallMs: number;
  clientCpuMs: number;
  gatewayCpuMs: number;
}

export interface EmbeddingRow {
  model: string;
  label: string;
  gateway: { wall: Summary; clientCpu: Summary; gatewayCpu: Summary; totalCpu: Summary };
  rawSdk: { wall: Summary; cpu: Summary };
  calls: number;
}

export interface EmbeddingsResult {
  rounds: number;
  texts: number;
  concurrency: number;
  rows: EmbeddingRow[];
}

/** 1,000 distinct sentences of about 120 characters. */
function benchTexts(): string[] {
  return Array.from(
    { length: EMBEDDING_TEXTS },
    (_, i) =>
      `Document ${i}: the quarterly report for region ${i % 17} notes ${i * 7} shipments, ${i % 5} delays and a forecast revision.`,
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Embeds 1,000 texts per model through the gateway (in a child process, called by the `openai`
 * client, which fans out `EMBEDDING_CONCURRENCY` calls) and through the raw SDK's InvokeModel in
 * a loop with the same concurrency, alternating, `rounds` times; checks both return the same
 * vectors. The emulator runs in a child of its own (its CPU is counted for neither).
 */
export async function measureEmbeddings(options: { rounds: number }): Promise<EmbeddingsResult> {
  const texts = benchTexts();
  const emulator = await spawnEmulator({ deltas: 8, paceMs: 0, forget: true });
  const gateway = await spawnService('gateway-child.js', ['--endpoint', emulator.url]);
  const client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'unused', maxRetries: 0 });
  const raw = new BedrockRuntimeClient({
    region: REGION,
    endpoint: emulator.url,
    credentials: { ...CREDENTIALS },
  });
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const rows: EmbeddingRow[] = [];
  try {
    for (const model of MODELS) {
      const batches = chunks(texts, model.perCall);
      const viaGateway = async (): Promise<{ figures: RoundFigures; vectors: number[][] }> => {
        const cpu0 = cpuMs();
        const gw0 = processCpuMs(gateway.pid);
        const t0 = performance.now();
        const out = await client.embeddings.create({ model: model.id, input: texts });
        const wallMs = performance.now() - t0;
        const figures = {
          wallMs,
          clientCpuMs: cpuMs() - cpu0,
          gatewayCpuMs: processCpuMs(gateway.pid) - gw0,
        };
        return { figures, vectors: out.data.map((d) => d.embedding) };
      };
      const viaRawSdk = async (): Promise<{ figures: RoundFigures; vectors: number[][] }> => {
        const vectors = new Array<number[][]>(batches.length);
        const cpu0 = cpuMs();
        const t0 = performance.now();
        await pool(
          batches.map((batch, i) => ({ batch, i })),
          EMBEDDING_CONCURRENCY,
          async ({ batch, i }) => {
            const out = await raw.send(
              new InvokeModelCommand({
                modelId: model.id,
                contentType: 'application/json',
                accept: 'application/json',
                body: encoder.encode(JSON.stringify(model.body(batch))),
              }),
            );
            vectors[i] = model.vectors(JSON.parse(decoder.decode(out.body)));
          },
        );
        const wallMs = performance.now() - t0;
        return {
          figures: { wallMs, clientCpuMs: cpuMs() - cpu0, gatewayCpuMs: 0 },
          vectors: vectors.flat(),
        };
      };
      // Warm-up, and the check that both sides embed the same texts the same way.
      const a = await viaGateway();
      const b = await viaRawSdk();
      for (const i of [0, 499, EMBEDDING_TEXTS - 1]) {
        const g = a.vectors[i]?.map(Math.fround);
        if (JSON.stringify(g) !== JSON.stringify(b.vectors[i])) {
          throw new Error(
            `embeddings bench: ${model.id} vector ${i} differs between the gateway and the raw SDK`,
          );
        }
      }
      const gw: RoundFigures[] = [];
      const sdk: RoundFigures[] = [];
      for (let round = 0; round < options.rounds; round++) {
        gw.push((await viaGateway()).figures);
        sdk.push((await viaRawSdk()).figures);
      }
      rows.push({
        model: model.id,
        label: model.label,
        calls: batches.length,
        gateway: {
          wall: summarize(gw.map((r) => r.wallMs)),
          clientCpu: summarize(gw.map((r) => r.clientCpuMs)),
          gatewayCpu: summarize(gw.map((r) => r.gatewayCpuMs)),
          totalCpu: summarize(gw.map((r) => r.clientCpuMs + r.gatewayCpuMs)),
        },
        rawSdk: {
          wall: summarize(sdk.map((r) => r.wallMs)),
          cpu: summarize(sdk.map((r) => r.clientCpuMs)),
        },
      });
      progress(`embeddings: ${model.id} done (${options.rounds} rounds)`);
    }
  } finally {
    raw.destroy();
    await gateway.close();
    await emulator.close();
  }
  return {
    rounds: options.rounds,
    texts: EMBEDDING_TEXTS,
    concurrency: EMBEDDING_CONCURRENCY,
    rows,
  };
}
