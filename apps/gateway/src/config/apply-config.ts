import type { CircuitBreakerOptions, UpstreamOptions } from '@bedrock-bridge/transport';
import type { ServeFlags } from '../program.js';
import type { GatewayConfig } from './gateway-config.js';

/** What `serve` runs with: its flags, filled in from the config file where no flag was given. */
export interface ServeSettings extends ServeFlags {
  apiKeys?: string[];
  circuit?: Omit<CircuitBreakerOptions, 'now'>;
  aliases?: GatewayConfig['aliases'];
}

/**
 * Merges the config file under the flags: a flag (or its environment variable) given explicitly
 * wins; otherwise the file's value; otherwise the flag's default. `explicit(name)` tells whether
 * the flag `name` was set on the command line or through its environment variable.
 */
export function applyConfig(
  flags: ServeFlags,
  config: GatewayConfig,
  explicit: (flag: keyof ServeFlags) => boolean,
): ServeSettings {
  const out: ServeSettings = { ...flags };
  const take = <K extends keyof ServeFlags>(flag: K, value: ServeFlags[K] | undefined) => {
    if (value !== undefined && !explicit(flag)) out[flag] = value as ServeSettings[K];
  };
  take('port', config.port);
  take('host', config.host);
  take('bodyLimit', config.bodyLimit);
  take('shutdownTimeout', config.shutdownTimeoutMs);
  take('redis', config.redis);
  take('firstByteMs', config.timeouts?.firstByteMs);
  take('idleMs', config.timeouts?.idleMs);
  take('textIdleMs', config.timeouts?.textIdleMs);
  take('totalMs', config.timeouts?.totalMs);
  take('maxAttempts', config.maxAttempts);
  take('params', config.parameterPolicy);
  if (
    config.upstreams !== undefined &&
    !explicit('upstream') &&
    !explicit('region') &&
    !explicit('endpoint') &&
    !explicit('emulator')
  ) {
    out.upstream = config.upstreams.map((u) => {
      const { credentials, ...rest } = u;
      const upstream: UpstreamOptions = { ...rest } as UpstreamOptions;
      if (credentials !== undefined) {
        upstream.credentials = {
          accessKeyId: credentials.accessKeyId,
          secretAccessKey: credentials.secretAccessKey,
          ...(credentials.sessionToken !== undefined
            ? { sessionToken: credentials.sessionToken }
            : {}),
        };
      }
      return upstream;
    });
  }
  if (config.apiKeys !== undefined && !explicit('apiKey')) out.apiKeys = config.apiKeys;
  if (config.circuit !== undefined)
    out.circuit = config.circuit as Omit<CircuitBreakerOptions, 'now'>;
  if (config.aliases !== undefined) out.aliases = config.aliases;
  return out;
}
