import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  runtimeRequests,
  startTestGateway,
  type TestGateway,
} from './test-support/start-gateway.js';

/* Other Responses clients over HTTP against the gateway and the emulator: the AI SDK's default
 * `openai(model)` (which calls /v1/responses) and the OpenAI Agents SDK. */

const MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';
const AGENT = fileURLToPath(new URL('./test-support/run-agent.mjs', import.meta.url));

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t.close();
});

const weather = tool({
  description: 'The weather in a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `sunny in ${city}`,
});

describe('the AI SDK default openai(model), which speaks the Responses API', () => {
  const provider = () => createOpenAI({ baseURL: `${t.url}/v1`, apiKey: 'unused' });

  it('generateText with a tool over several steps (stored responses, item references)', async () => {
    const before = runtimeRequests(t).length;
    const result = await generateText({
      model: provider()(MODEL),
      prompt: 'call get_weather for Paris',
      tools: { get_weather: weather },
      stopWhen: stepCountIs(3),
    });
    expect(result.steps.length).toBe(2);
    expect(result.steps[0]?.toolCalls[0]?.toolName).toBe('get_weather');
    expect(result.text).toMatch(/^Result of get_weather: sunny in /);
    const sent = runtimeRequests(t).slice(before);
    expect(sent.map((r) => r.operation)).toEqual(['converse', 'converse']);
    const second = sent[1]?.body as { messages: { role: string; content: object[] }[] };
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(second.messages[1]?.content.some((b) => 'toolUse' in b)).toBe(true);
  });

  it('streamText with a tool over several steps', async () => {
    const result = streamText({
      model: provider()(MODEL),
      prompt: 'call get_weather for Oslo',
      tools: { get_weather: weather },
      stopWhen: stepCountIs(3),
    });
    let text = '';
    for await (const part of result.textStream) text += part;
    expect(text).toMatch(/^Result of get_weather: sunny in /);
    expect((await result.steps).length).toBe(2);
    expect(await result.finishReason).toBe('stop');
  });

  it('streamText without a tool and store off', async () => {
    const result = streamText({
      model: provider()(MODEL),
      prompt: 'plain words',
      providerOptions: { openai: { store: false } },
    });
    expect(await result.text).toBe('Echo: plain words');
    expect((await result.usage).outputTokens).toBeGreaterThan(0);
  });
});

describe('the OpenAI Agents SDK (Node 22)', () => {
  it('runs an agent with a function tool against the gateway', async () => {
    // On Node 22 or later already (CI's other Node lines): this Node; else Node 22 from npm.
    const [command, args] =
      Number(process.versions.node.split('.')[0]) >= 22
        ? [process.execPath, [AGENT]]
        : ['npx', ['-y', '-p', 'node@22', 'node', AGENT]];
    const { stdout } = await promisify(execFile)(command, args, {
      env: {
        ...process.env,
        OPENAI_BASE_URL: `${t.url}/v1`,
        OPENAI_API_KEY: 'unused',
        OPENAI_AGENTS_DISABLE_TRACING: '1',
        AGENT_MODEL: MODEL,
      },
      cwd: fileURLToPath(new URL('.', import.meta.url)),
      timeout: 120_000,
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      finalOutput: string;
      calls: { city: string }[];
    };
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]).toHaveProperty('city');
    expect(result.finalOutput).toBe('Result of get_weather: sunny, 21C');
  }, 150_000);
});
