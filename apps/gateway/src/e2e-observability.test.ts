import { type Emulator, startEmulator } from '@bedrock-bridge/emulator';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeGateway } from './compose-gateway.js';
import { createStack, type Stack } from './create-stack.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import type { Gateway } from './server/create-server.js';
import type { RequestLogEntry } from './server/request-log.js';
import { FAST_TRANSPORT } from './test-support/start-gateway.js';

/* Traces, metrics, logs and probes of a gateway over two regions, read through real HTTP. */

const API_KEY = 'sk-observability-SECRET-4242';
const PROMPT = 'PROMPT-TEXT-must-not-leak-7788';
const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let emulators: Emulator[];
let stack: Stack;
let gateway: Gateway;
let url: string;
let client: OpenAI;
const logs: RequestLogEntry[] = [];

beforeAll(async () => {
  trace.setGlobalTracerProvider(provider);
  emulators = await Promise.all([startEmulator(), startEmulator()]);
  const metrics = new GatewayMetrics({
    upstreams: () => stack?.router?.upstreams() ?? [],
    defaultMetrics: false,
  });
  stack = await createStack({
    env: {},
    upstreams: emulators.map((e, i) => ({
      region: i === 0 ? 'us-east-1' : 'us-west-2',
      endpoint: e.url,
      weight: i === 0 ? 1e9 : 1,
    })),
    router: { circuit: { failureThreshold: 100 } },
    transport: { ...FAST_TRANSPORT, onEvent: (e) => metrics.transportEvent(e) },
  });
  ({ gateway } = composeGateway(
    { stack, server: { apiKey: API_KEY, log: (entry) => logs.push(entry) } },
    metrics,
  ));
  url = await gateway.listen(0, '127.0.0.1');
  client = new OpenAI({ baseURL: `${url}/v1`, apiKey: API_KEY, maxRetries: 0, timeout: 20_000 });
});
afterAll(async () => {
  await gateway?.close(0);
  await stack?.close();
  await Promise.all(emulators.map((e) => e.close()));
  trace.disable();
  await provider.shutdown();
});
beforeEach(() => {
  exporter.reset();
  for (const e of emulators) e.clearFaults();
});

const em = (i: number) => emulators[i] as Emulator;
const everything = (spans: ReadableSpan[]) =>
  JSON.stringify(
    spans.map((s) => ({
      name: s.name,
      attributes: s.attributes,
      events: s.events,
      status: s.status,
    })),
  );

async function streamedText(): Promise<string> {
  const stream = await client.chat.completions.create({
    model: MODEL,
    messages: [{ role: 'user', content: PROMPT }],
    stream: true,
    max_tokens: 64,
    temperature: 0.5,
  });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

describe('traces', () => {
  it('one span per request with the GenAI conventions, one per attempt, retry and failover as events', async () => {
    // us-east-1 throttles twice, us-west-2 once: A fails -> B fails -> backoff, back to A -> fails -> B answers
    em(0).inject({ type: 'throttling', times: 2 });
    em(1).inject({ type: 'throttling', times: 1 });
    expect(await streamedText()).toBe(`Echo: ${PROMPT}`);
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === `chat ${MODEL}`);
    expect(request?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.system': 'aws.bedrock',
      'gen_ai.request.model': MODEL,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.response.finish_reasons': ['stop'],
    });
    expect(request?.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
    expect(request?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(request?.events.map((e) => e.name)).toEqual([
      'failover',
      'retry',
      'failover',
      'failover',
    ]);
    const attempts = spans.filter(
      (s) => s.parentSpanContext?.spanId === request?.spanContext().spanId,
    );
    expect(attempts.map((s) => [s.attributes['bedrock_bridge.upstream'], s.status.code])).toEqual([
      ['us-east-1', 2],
      ['us-west-2', 2],
      ['us-east-1', 2],
      ['us-west-2', 1],
    ]);
    expect(attempts[0]?.attributes['error.type']).toBe('rate_limit');
  });

  it('gives a /v1/responses call the same chat span, with its attempt and usage', async () => {
    const answer = await client.responses.create({
      model: MODEL,
      input: PROMPT,
      max_output_tokens: 64,
      store: false,
    });
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === `chat ${MODEL}`);
    expect(request?.attributes).toMatchObject({
      'gen_ai.request.model': MODEL,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.response.id': answer.id,
      'bedrock_bridge.stream': false,
    });
    expect(request?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(spans.some((s) => s.parentSpanContext?.spanId === request?.spanContext().spanId)).toBe(
      true,
    );
    expect(everything(spans)).not.toContain(PROMPT);
  });

  it('marks a failed request with its error kind only, and no span holds prompt text or the key', async () => {
    for (const e of emulators) e.inject({ type: 'access-denied', times: 1 });
    await expect(streamedText()).rejects.toThrow();
    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name.startsWith('chat '));
    expect(request?.attributes['error.type']).toBe('access_denied');
    expect(request?.status).toEqual({ code: 2, message: 'access_denied' });
    await streamedText();
    const text = everything(exporter.getFinishedSpans());
    expect(text).not.toContain(PROMPT);
    expect(text).not.toContain('Echo');
    expect(text).not.toContain(API_KEY);
  });
});

describe('/metrics, /readyz, /healthz', () => {
  it('serves Prometheus metrics behind the API key, with no prompt text or secret in them', async () => {
    em(0).inject({ type: 'throttling', times: 1 });
    await streamedText();
    await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: PROMPT }],
    });
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const response = await fetch(`${url}/metrics`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(series));
      return line === undefined ? undefined : Number(line.slice(series.length).trim());
    };
    expect(
      value(
        'bedrock_bridge_requests_total{route="/v1/chat/completions",status="200",error_kind="none"}',
      ),
    ).toBeGreaterThanOrEqual(2);
    expect(value(`bedrock_bridge_tokens_total{model="${MODEL}",type="input"}`)).toBeGreaterThan(0);
    expect(value(`bedrock_bridge_tokens_total{model="${MODEL}",type="output"}`)).toBeGreaterThan(0);
    expect(
      value(
        'bedrock_bridge_upstream_failovers_total{from="us-east-1",to="us-west-2",reason="rate_limit"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('bedrock_bridge_time_to_first_token_seconds_count{route="/v1/chat/completions"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(value('bedrock_bridge_open_streams')).toBe(0);
    expect(value('bedrock_bridge_upstream_circuit_open{upstream="us-east-1"}')).toBe(0);
    expect(text).not.toContain(PROMPT);
    expect(text).not.toContain(API_KEY);
    expect(JSON.stringify(logs)).not.toContain(PROMPT);
    expect(JSON.stringify(logs)).not.toContain(API_KEY);
  });

  it('answers the probes without a key: /healthz alive, /readyz with each upstream circuit', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      store: 'in-process',
      upstreams: [
        { name: 'us-east-1', state: 'closed' },
        { name: 'us-west-2', state: 'closed' },
      ],
    });
  });
});
