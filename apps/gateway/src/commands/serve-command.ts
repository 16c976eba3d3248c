import { homedir } from 'node:os';
import { join } from 'node:path';
import { type KeyValueStore, MemoryStore, reasoningKeyFromSecret } from '@bedrock-bridge/openai';
import type { TransportOptions } from '@bedrock-bridge/transport';
import { modelAliases } from '../config/alias-backend.js';
import type { ServeSettings } from '../config/apply-config.js';
import { createStack, isNoCredentialsError, type Stack } from '../create-stack.js';
import type { ServeFlags } from '../program.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { storeCooldowns } from '../store/store-cooldowns.js';

function line(fields: Record<string, unknown>): void {
  process.stdout.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'info', ...fields })}\n`,
  );
}

/** The transport's deadlines and attempts the flags set; the rest keep their defaults. */
export function upstreamOptions(flags: ServeFlags): TransportOptions {
  const timeouts: NonNullable<TransportOptions['timeouts']> = {};
  if (flags.firstByteMs !== undefined) timeouts.firstByteMs = flags.firstByteMs;
  if (flags.idleMs !== undefined) timeouts.idleMs = flags.idleMs;
  if (flags.textIdleMs !== undefined) timeouts.textIdleMs = flags.textIdleMs;
  if (flags.totalMs !== undefined) timeouts.totalMs = flags.totalMs;
  return {
    timeouts,
    ...(flags.maxAttempts === undefined ? {} : { retry: { maxAttempts: flags.maxAttempts } }),
  };
}

/** Whether `host` only accepts connections from this machine. */
function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** `bedrock-bridge serve`: runs until SIGTERM/SIGINT, then drains open answers. */
export async function serveCommand(given: ServeFlags): Promise<void> {
  let flags: ServeSettings = given;
  if (given.config !== undefined) {
    const [{ applyConfig }, { ConfigError, loadGatewayConfig }] = await Promise.all([
      import('../config/apply-config.js'),
      import('../config/gateway-config.js'),
    ]);
    try {
      const explicit = given.explicit ?? new Set<string>();
      flags = applyConfig(given, loadGatewayConfig(given.config), (flag) => explicit.has(flag));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
  }
  if (flags.apiKey !== undefined && flags.apiKey.trim() === '') {
    // An empty key would quietly turn auth off: the operator meant to set one.
    process.stderr.write(
      'The API key is empty (--api-key or BEDROCK_BRIDGE_API_KEY). Give a key, or unset it to serve without auth.\n',
    );
    process.exitCode = 2;
    return;
  }
  // Loaded after the checks above: a refused start stays quick.
  const [{ composeGateway }, { GatewayMetrics }, { startTelemetry }, redisStore] =
    await Promise.all([
      import('../compose-gateway.js'),
      import('../observability/gateway-metrics.js'),
      import('../observability/start-telemetry.js'),
      // ioredis only when asked for
      flags.redis ? import('../store/redis-store.js') : undefined,
    ]);
  const stopTelemetry = await startTelemetry();
  let stack: Stack | undefined;
  const metrics = new GatewayMetrics({ upstreams: () => stack?.router?.upstreams() ?? [] });
  // Against the emulator nothing is worth keeping: a test or a demo run leaves no file behind.
  const storePath =
    flags.store ?? (flags.emulator ? 'memory' : join(homedir(), '.bedrock-bridge', 'store.sqlite'));
  const maxAgeMs = flags.storeMaxAgeDays * 24 * 3600 * 1000;
  let store: KeyValueStore & { ping?: () => Promise<void> };
  try {
    store = flags.redis
      ? new (redisStore as typeof import('../store/redis-store.js')).RedisStore({
          url: flags.redis,
        })
      : storePath === 'memory'
        ? new MemoryStore({ maxChars: flags.storeMaxMb * 1024 * 1024 })
        : new SqliteStore({ path: storePath, maxBytes: flags.storeMaxMb * 1024 * 1024, maxAgeMs });
  } catch (error) {
    await stopTelemetry?.();
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    stack = await createStack({
      transport: { ...upstreamOptions(flags), onEvent: (event) => metrics.transportEvent(event) },
      router: {
        cooldowns: storeCooldowns(store),
        ...(flags.circuit ? { circuit: flags.circuit } : {}),
      },
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
      ...(flags.emulator ? { emulator: true } : {}),
      ...(flags.upstream ? { upstreams: flags.upstream } : {}),
    });
  } catch (error) {
    await store.close();
    await stopTelemetry?.();
    if (isNoCredentialsError(error)) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const ready = stack;
  const { gateway } = composeGateway(
    {
      stack: ready,
      store,
      backend: {
        ...(flags.fetchImages ? { fetchImages: { allowHosts: flags.fetchImages } } : {}),
        store,
        responseTtlMs: maxAgeMs,
        ...(flags.reasoningKey ? { reasoningKey: reasoningKeyFromSecret(flags.reasoningKey) } : {}),
        ...(flags.reasoningTtlMs === undefined ? {} : { reasoningTtlMs: flags.reasoningTtlMs }),
      },
      aliases: modelAliases(flags.aliases),
      server: {
        paramPolicy: flags.params === 'strict' ? 'reject' : 'drop',
        bodyLimit: flags.bodyLimit,
        ...(flags.apiKey
          ? { apiKey: flags.apiKey }
          : flags.apiKeys
            ? { apiKey: flags.apiKeys }
            : {}),
        ...(flags.logPrompts ? { logPrompts: true } : {}),
        ...(flags.allowedHosts ? { allowedHosts: flags.allowedHosts } : {}),
        limits: {
          requestTimeoutMs: flags.requestTimeout,
          maxInFlight: flags.maxInFlight,
          maxLoopBusy: flags.maxLoopBusy,
        },
      },
    },
    metrics,
  );
  let url: string;
  try {
    url = await gateway.listen(flags.port, flags.host);
  } catch (error) {
    // e.g. EADDRINUSE: release the transport and the emulator, or the process never exits.
    await gateway.close(0);
    await ready.close();
    await store.close();
    await stopTelemetry?.();
    throw error;
  }
  line({
    msg: 'listening',
    url: `${url}/v1`,
    region: ready.region,
    upstream: ready.router
      ? ready.router.upstreams().map((u) => u.name)
      : (ready.endpoint ?? `AWS Bedrock (${ready.region})`),
    identity: ready.identity,
    auth:
      flags.apiKey || flags.apiKeys
        ? 'bearer api key required'
        : 'none (use --api-key to require one)',
    ...(flags.aliases ? { aliases: Object.keys(flags.aliases) } : {}),
    fetchImages: flags.fetchImages ?? 'off',
    store: flags.redis && redisStore ? redisStore.describeRedisUrl(flags.redis) : storePath,
    tracing: stopTelemetry ? 'OpenTelemetry SDK (OTEL_* variables)' : 'off',
    allowedHosts:
      flags.allowedHosts?.join(',') ??
      (flags.apiKey ? 'any (an API key is required)' : 'IP addresses and localhost names'),
    params: flags.params,
  });
  if (!flags.apiKey && !flags.apiKeys && !isLoopbackHost(flags.host)) {
    line({
      level: 'warn',
      msg: `listening on ${flags.host} without --api-key: anyone who can reach this port can call Bedrock with this gateway's AWS identity`,
    });
  }

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      line({
        msg: 'shutting down',
        signal,
        inFlight: gateway.inFlight,
        deadlineMs: flags.shutdownTimeout,
      });
      await gateway.close(flags.shutdownTimeout);
      await ready.close();
      await store.close();
      await stopTelemetry?.();
      line({ msg: 'stopped' });
      resolve();
    };
    process.once('SIGTERM', () => void stop('SIGTERM'));
    process.once('SIGINT', () => void stop('SIGINT'));
  });
}
