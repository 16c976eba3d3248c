import { startEmulator } from '../start-emulator.js';
import type { Emulator, EmulatorOptions } from '../types.js';

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
