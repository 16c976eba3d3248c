import { aiSdkSystem } from './ai-sdk.js';
import { floorSystem } from './floor.js';
import { gatewayInProcessSystem, gatewaySystem } from './gateway.js';
import { gatewayBareSystem, gatewayResponsesSystem } from './gateway-bare.js';
import { langchainSystem } from './langchain.js';
import { openaiFetchSystem } from './openai-fetch.js';
import { rawSdkHttp1System, rawSdkSystem } from './raw-sdk.js';
import type { SystemDef } from './system.js';
import { toolkitSystem } from './toolkit.js';
import { transportHttp2System, transportSystem } from './transport.js';

/** Every system, in table order: floor, baseline, peers, ours, information rows. */
export const ALL_SYSTEMS: readonly SystemDef[] = [
  floorSystem,
  rawSdkSystem,
  aiSdkSystem,
  langchainSystem,
  toolkitSystem,
  gatewaySystem,
  rawSdkHttp1System,
  transportSystem,
  transportHttp2System,
  gatewayBareSystem,
  gatewayResponsesSystem,
  gatewayInProcessSystem,
  openaiFetchSystem,
];
