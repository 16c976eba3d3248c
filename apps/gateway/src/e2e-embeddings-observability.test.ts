import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeGateway } from './compose-gateway.js';
import { createStack, type Stack } from './create-stack.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import type { Gateway } from './server/create-server.js';
import { FAST_TRANSPORT } from './test-support/start-gateway.js';

/* /v1/embeddings in the metrics and traces, like chat: the composed gateway over real HTTP. */

const TITAN = 'amazon.titan-embed-text-v2:0';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let stack: Stack;
let gateway: Gateway;
let client: OpenAI;
let url: string;

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  const metrics = new GatewayMetrics({ defaultMetrics: false });
  stack = await createStack({
    emulator: {},
    env: {},
    transport: { ...FAST_TRANSPORT, onEvent: (e) => metrics.transportEvent(e) },
  });
  ({ gateway } = composeGateway({ stack, server: { log: false } }, metrics));
  url = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'unused', maxRetries: 0 });
});
afterAll(async () => {
  await gateway?.close(0);
  await stack?.close();
  trace.disable();
});

describe('embeddings observability', () => {
  it('counts the request and its Bedrock input tokens by model, and traces it', async () => {
    exporter.reset();
    // 'abcd' and 'efgh ijkl' are 4 and 9 bytes: the emulator bills 1 + 3 tokens.
    const out = await client.embeddings.create({ model: TITAN, input: ['abcd', 'efgh ijkl'] });
    expect(out.usage.prompt_tokens).toBe(4);
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(
      /bedrock_bridge_tokens_total\{model="amazon\.titan-embed-text-v2:0",type="input"\} 4/,
    );
    expect(text).toMatch(/bedrock_bridge_requests_total\{[^}]*route="\/v1\/embeddings"[^}]*\} 1/);
    const span = exporter.getFinishedSpans().find((s) => s.name === `embeddings ${TITAN}`);
    expect(span?.attributes).toMatchObject({
      'gen_ai.operation.name': 'embeddings',
      'gen_ai.request.model': TITAN,
      'gen_ai.usage.input_tokens': 4,
    });
  });
});
