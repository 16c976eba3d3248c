import type { SystemDef } from './system.js';

/**
 * Loads one system's module only, so that a child process measuring one system holds that
 * system's libraries and no other (the memory figures depend on it).
 */
const LOADERS: Record<string, () => Promise<SystemDef>> = {
  floor: async () => (await import('./floor.js')).floorSystem,
  'raw-sdk': async () => (await import('./raw-sdk.js')).rawSdkSystem,
  'raw-sdk-http1': async () => (await import('./raw-sdk.js')).rawSdkHttp1System,
  'ai-sdk': async () => (await import('./ai-sdk.js')).aiSdkSystem,
  langchain: async () => (await import('./langchain.js')).langchainSystem,
  toolkit: async () => (await import('./toolkit.js')).toolkitSystem,
  gateway: async () => (await import('./gateway.js')).gatewaySystem,
  'gateway-inproc': async () => (await import('./gateway.js')).gatewayInProcessSystem,
  'gateway-bare': async () => (await import('./gateway-bare.js')).gatewayBareSystem,
  'openai-fetch': async () => (await import('./openai-fetch.js')).openaiFetchSystem,
  transport: async () => (await import('./transport.js')).transportSystem,
  'transport-http2': async () => (await import('./transport.js')).transportHttp2System,
};

/** The system with this id, loaded alone; an error names the known ids. */
export async function loadSystem(id: string): Promise<SystemDef> {
  const load = LOADERS[id];
  if (!load) throw new Error(`unknown system "${id}" (known: ${Object.keys(LOADERS).join(', ')})`);
  return load();
}
