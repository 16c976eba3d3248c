import { type Emulator, type EmulatorOptions, startEmulator } from '@bedrock-bridge/emulator';
import type { TransportEvent } from '@bedrock-bridge/transport';
import OpenAI from 'openai';
import type { CallObserver, StreamOutcome } from '../call-observer.js';
import { type BedrockFetch, createBedrockFetch } from '../create-bedrock-fetch.js';
import type { OpenAIErrorResponse } from '../openai-error.js';

/** A base URL no socket could reach: every request must be answered in-process. */
export const BASE_URL = 'http://bedrock.invalid/v1';

/** What the observer heard, per request. */
export interface Heard {
  events: TransportEvent[];
  failures: OpenAIErrorResponse[];
  streams: StreamOutcome[];
}

/** An emulator, `createBedrockFetch` against it, and an `openai` client taking that fetch. */
export interface InProcess {
  emulator: Emulator;
  fetch: BedrockFetch;
  client: OpenAI;
  heard: Heard;
  close(): Promise<void>;
}

export async function startInProcess(emulatorOptions: EmulatorOptions = {}): Promise<InProcess> {
  const emulator = await startEmulator(emulatorOptions);
  const heard: Heard = { events: [], failures: [], streams: [] };
  const observer: CallObserver = {
    transportEvent: (e) => heard.events.push(e),
    failure: (f) => heard.failures.push(f),
    stream: (s) => heard.streams.push(s),
  };
  const bedrockFetch = createBedrockFetch({
    transport: {
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'emulator' },
      env: {},
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 },
      timeouts: { connectMs: 2000, firstByteMs: 5000, idleMs: 2000, totalMs: 20_000 },
    },
    observe: () => observer,
  });
  const client = new OpenAI({
    baseURL: BASE_URL,
    apiKey: 'unused',
    fetch: bedrockFetch,
    maxRetries: 0,
  });
  return {
    emulator,
    fetch: bedrockFetch,
    client,
    heard,
    async close() {
      await bedrockFetch.close();
      await emulator.close();
    },
  };
}
