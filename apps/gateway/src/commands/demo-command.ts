import { createBackend } from '@bedrock-bridge/openai';
import type { TransportEvent } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import { createStack } from '../create-stack.js';
import { createServer } from '../server/create-server.js';
import { DEMO_MODEL, type DemoState, demoSteps } from './demo-steps.js';

/** Where the transcript goes and how it looks. */
export interface DemoOptions {
  /** Receives transcript text (no newline added). Default: `process.stdout.write`. */
  write?: (text: string) => void;
  /** Delay between emulator stream events, so tokens visibly arrive one by one. Default 12 ms. */
  paceMs?: number;
}

/** Outcome of a demo run: one entry per step. */
export interface DemoResult {
  ok: boolean;
  steps: { name: string; ok: boolean; ms: number; error?: string }[];
}

/**
 * Starts an emulator and the gateway in-process, runs a scripted session through the official
 * `openai` client, prints a transcript, and closes everything it opened.
 */
export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  // Only the emulator is called here: the SDK's advice about future Node versions is noise.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const events: TransportEvent[] = [];
  const stack = await createStack({
    emulator: { paceMs: options.paceMs ?? 12, deltas: 8 },
    transport: {
      onEvent: (event) => events.push(event),
      retry: { baseDelayMs: 50, maxDelayMs: 500 },
    },
  });
  const gateway = createServer({ backend: createBackend(stack), log: false });
  const result: DemoResult = { ok: true, steps: [] };
  try {
    const url = await gateway.listen(0, '127.0.0.1');
    const emulator = stack.emulator;
    if (!emulator) throw new Error('the demo needs its emulator');
    write(`bedrock-bridge demo\n`);
    write(`  emulator  ${emulator.url}   (a local Bedrock: no AWS account used)\n`);
    write(`  gateway   ${url}/v1   (OpenAI-compatible)\n`);
    write(`  client    the official openai npm package, model ${DEMO_MODEL}\n\n`);
    const client = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'demo', maxRetries: 0 });
    const context: DemoState = { client, emulator, events, write, gatewayUrl: url };
    for (const [index, step] of demoSteps.entries()) {
      write(`${index + 1}. ${step.title}\n`);
      const start = performance.now();
      let error: string | undefined;
      try {
        await step.run(context);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      } finally {
        emulator.clearFaults();
      }
      const ms = Math.round(performance.now() - start);
      const ok = error === undefined;
      if (!ok) result.ok = false;
      write(ok ? `   ✓ ${step.expect} (${ms} ms)\n\n` : `   ✗ FAILED: ${error} (${ms} ms)\n\n`);
      result.steps.push({ name: step.title, ok, ms, ...(error === undefined ? {} : { error }) });
    }
    const passed = result.steps.filter((s) => s.ok).length;
    write(`${passed}/${result.steps.length} steps behaved as expected.\n`);
  } finally {
    await gateway.close(1000);
    await stack.close();
  }
  return result;
}

/** `bedrock-bridge demo`: exit code 0 only when every step behaved as expected. */
export async function demoCommand(): Promise<number> {
  const result = await runDemo();
  return result.ok ? 0 : 1;
}
