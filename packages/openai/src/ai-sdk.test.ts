import { createOpenAI } from '@ai-sdk/openai';
import { generateText, stepCountIs, streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASE_URL, type InProcess, startInProcess } from './test-support/start-in-process.js';

/*
 * The AI SDK's OpenAI provider with the in-process fetch, as the README's one-liner writes it
 * (`createOpenAI({ baseURL, fetch })`): the compatibility suite's flows (tool loop with thinking,
 * its reasoning put back on turn 2, streaming), a cancelled stream and a cut upstream stream.
 */

const CLAUDE = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const thinking = { openai: { reasoningEffort: 'low' } } as const;

let t: InProcess;
beforeAll(async () => {
  t = await startInProcess();
});
afterAll(async () => {
  await t.close();
});

const getWeather = tool({
  description: 'Current weather of a city',
  inputSchema: z.object({ city: z.string() }),
  execute: async ({ city }) => `18C and sunny in ${city}`,
});

function model() {
  return createOpenAI({ baseURL: BASE_URL, apiKey: 'unused', fetch: t.fetch }).chat(CLAUDE);
}

/** The last Converse body the emulator received. */
function lastSent() {
  return t.emulator.requests.at(-1)?.body as {
    messages: { role: string; content: Record<string, unknown>[] }[];
  };
}

describe('AI SDK createOpenAI({ baseURL, fetch })', () => {
  it('generateText: a tool loop with thinking, the reasoning put back on turn 2', async () => {
    const result = await generateText({
      model: model(),
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(4),
      providerOptions: thinking,
      prompt: 'Please call get_weather for Paris.',
    });
    expect(result.steps.length).toBe(2);
    expect(result.text).toContain('18C and sunny');
    const sent = lastSent();
    expect(sent).toHaveProperty('additionalModelRequestFields.thinking.type', 'enabled');
    const assistant = sent.messages.find((m) => m.role === 'assistant');
    expect(assistant?.content[0]).toHaveProperty('reasoningContent');
  });

  it('streamText: the same loop streamed', async () => {
    const result = streamText({
      model: model(),
      tools: { get_weather: getWeather },
      stopWhen: stepCountIs(4),
      providerOptions: thinking,
      prompt: 'Please call get_weather for Paris.',
    });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect((await result.steps).length).toBe(2);
    expect(text).toContain('18C and sunny');
    const assistant = lastSent().messages.find((m) => m.role === 'assistant');
    expect(assistant?.content[0]).toHaveProperty('reasoningContent');
  });

  it('an aborted stream aborts the upstream call', async () => {
    t.emulator.inject({ type: 'stall', afterEvents: 3, operation: 'converse-stream' });
    const from = t.heard.streams.length;
    let openBefore = Number.POSITIVE_INFINITY;
    const controller = new AbortController();
    const result = streamText({
      model: model(),
      abortSignal: controller.signal,
      prompt: 'A long answer please.',
      onError: () => {},
    });
    let deltas = 0;
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') {
        // The upstream stream is open and stalled.
        if (deltas === 0) openBefore = t.emulator.connections.open;
        deltas += 1;
        controller.abort();
      }
    }
    expect(deltas).toBeGreaterThan(0);
    expect(t.emulator.requests.at(-1)?.fault).toBe('stall');
    // The handler ended the stream as the client's doing, and the emulator saw its socket close.
    await expect
      .poll(() => t.heard.streams.slice(from).some((o) => !o.ok && o.clientGone))
      .toBe(true);
    await expect.poll(() => t.emulator.connections.open).toBeLessThan(openBefore);
  });

  it('a cut upstream stream is an error, never a shorter answer', async () => {
    t.emulator.inject({ type: 'cut', afterEvents: 3, operation: 'converse-stream' });
    const result = streamText({
      model: model(),
      prompt: 'An answer that will be cut short.',
      onError: () => {},
    });
    const types: string[] = [];
    const reasons: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'finish-step' || part.type === 'finish') reasons.push(part.finishReason);
    }
    expect(types).toContain('error');
    // The SDK closes its step, but never as a finished answer.
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons).not.toContain('stop');
  });
});
