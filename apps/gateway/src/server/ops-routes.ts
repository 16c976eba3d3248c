import type { UpstreamStatus } from '@bedrock-bridge/transport';
import type { FastifyInstance } from 'fastify';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';

/** What `/readyz` checks. */
export interface Readiness {
  /** The upstreams and their circuits; ready while at least one is not cooling down. */
  upstreams?: () => UpstreamStatus[];
  /** Resolves when the shared store answers (e.g. Redis PING); absent for an in-process store. */
  pingStore?: () => Promise<void>;
  /** Longest wait for the store. Default 1000 ms. */
  storeTimeoutMs?: number;
}

async function storeState(readiness: Readiness): Promise<'ok' | 'unreachable' | 'in-process'> {
  if (readiness.pingStore === undefined) return 'in-process';
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), readiness.storeTimeoutMs ?? 1_000);
  });
  try {
    await Promise.race([readiness.pingStore(), late]);
    return 'ok';
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /readyz` (200 when the store answers and an upstream is not cooling down, else 503 with
 * what is wrong; while the gateway drains, Fastify answers 503 itself) and `GET /metrics`
 * (Prometheus text format).
 */
export function registerOpsRoutes(
  app: FastifyInstance,
  options: { metrics?: GatewayMetrics; readiness?: Readiness },
): void {
  const readiness = options.readiness ?? {};
  app.get('/readyz', async (_request, reply) => {
    const upstreams = (readiness.upstreams?.() ?? []).map((u) => ({
      name: u.name,
      state: u.state,
    }));
    const store = await storeState(readiness);
    const upstreamOk = upstreams.length === 0 || upstreams.some((u) => u.state !== 'open');
    const ready = upstreamOk && store !== 'unreachable';
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not_ready',
      store,
      ...(upstreams.length > 0 ? { upstreams } : {}),
    });
  });
  const metrics = options.metrics;
  if (metrics !== undefined) {
    app.get('/metrics', async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.header('content-type', metrics.registry.contentType).send(text);
    });
  }
}
