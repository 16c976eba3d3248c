import OpenAI from 'openai';
import { openaiClientCalls } from './openai-client-calls.js';
import { startGateway } from './start-gateway.js';
import type { BenchClient, CreateContext, SystemDef } from './system.js';

function openaiGatewaySystem(placement: 'process' | 'in-process'): SystemDef {
  const where = placement;
  return {
    id: where === 'process' ? 'gateway' : 'gateway-inproc',
    label:
      where === 'process'
        ? 'bedrock-bridge gateway + official openai client'
        : "bedrock-bridge gateway in the caller's process + openai client",
    short:
      where === 'process' ? 'ours: gateway + openai client' : 'ours: gateway (in-process) + openai',
    role: where === 'process' ? 'ours' : 'info',
    timeoutOption: 'openai client timeout',
    faults: where === 'process',
    memory: where === 'process' ? 'chart' : 'skip',
    converse: true,
    async create(ctx: CreateContext): Promise<BenchClient> {
      // Latency is measured with the gateway in its own process, as deployed. Fault outcomes do
      // not depend on where it runs, and the memory figure must hold gateway and client in
      // one process: there it runs in the caller's process (no child per fault cell).
      const gateway = await startGateway(ctx.url, ctx.purpose === 'latency' ? where : 'in-process');
      const openai = new OpenAI({
        baseURL: `${gateway.url}/v1`,
        apiKey: 'not-checked',
        ...(ctx.timeoutMs === undefined ? {} : { timeout: ctx.timeoutMs }),
      });
      return openaiClientCalls(openai, ctx.conversation, () => gateway.close());
    },
  };
}

/**
 * The gateway app with its defaults (its own stack: models, format, transport) in front of
 * the emulator, in a child process of its own as deployed, called over loopback by the
 * official `openai` client with its defaults.
 */
export const gatewaySystem: SystemDef = openaiGatewaySystem('process');

/**
 * The same, with the gateway inside the caller's process: client and gateway share one thread
 * (the gateway handles a burst of stream events before the client's socket is read). Latency
 * only, for information.
 */
export const gatewayInProcessSystem: SystemDef = openaiGatewaySystem('in-process');
