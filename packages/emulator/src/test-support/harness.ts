import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startEmulator } from '../start-emulator.js';
import type { Emulator, EmulatorOptions } from '../types.js';
import { type ClientOptions, type HandlerKind, runtimeClient } from './sdk.js';

const open: Emulator[] = [];
const clients: Array<{ destroy(): void }> = [];

/** Starts an emulator that {@link cleanUp} closes. */
export async function emulatorWith(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = await startEmulator(options);
  open.push(emulator);
  return emulator;
}

/** Registers an SDK client for {@link cleanUp} to destroy. */
export function track<T extends { destroy(): void }>(client: T): T {
  clients.push(client);
  return client;
}

/** Destroys tracked clients, then closes tracked emulators (use in afterEach). */
export async function cleanUp(): Promise<void> {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.all(open.splice(0).map((e) => e.close()));
}

const converseBody = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] });

/** A raw POST (no SDK), JSON body. */
export function post(
  url: string,
  path: string,
  headers: Record<string, string>,
  body = converseBody,
) {
  return fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

/** An emulator shared by the tests of a `describe` (or a file), and runtime clients on it. */
export interface EmulatorFixture {
  readonly emulator: Emulator;
  /** A runtime client on the emulator, destroyed after the test that made it. */
  client(kind: HandlerKind, options?: ClientOptions): BedrockRuntimeClient;
}

/**
 * Starts an emulator before the tests of the enclosing `describe` (or file) and closes it after
 * them; after each test its faults are cleared and the clients made with `client` destroyed.
 */
export function emulatorFixture(options: EmulatorOptions = {}): EmulatorFixture {
  let emulator: Emulator | undefined;
  const made: BedrockRuntimeClient[] = [];
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterEach(() => {
    emulator?.clearFaults();
    for (const client of made.splice(0)) client.destroy();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return {
    get emulator(): Emulator {
      if (emulator === undefined) throw new Error('the emulator is read outside a test');
      return emulator;
    },
    client(kind, clientOptions = {}) {
      const client = runtimeClient(this.emulator.url, kind, clientOptions);
      made.push(client);
      return client;
    },
  };
}
